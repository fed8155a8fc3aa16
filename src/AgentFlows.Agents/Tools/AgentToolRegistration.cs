using AgentFlows.Agents.DataLifecycle;
using AgentFlows.Agents.Tools.Calculator;
using AgentFlows.Agents.Tools.Data;
using AgentFlows.Agents.Tools.Llm;
using AgentFlows.Agents.Tools.Python;
using AgentFlows.Agents.Tools.Stats;
using AgentFlows.Agents.Tools.Todos;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Tools;

/// <summary>Registers the tool activities, each under its tool name.</summary>
public static class AgentToolRegistration
{
    /// <summary>
    /// Registers an activity for every built-in tool that runs as one. <c>wait</c> is a durable timer of the
    /// orchestration, so it is not registered here; <c>code.python</c> is an activity that runs the code in the sandbox;
    /// <c>data.lifecycle</c> is the <c>DataCleaningLifecycle</c> sub-orchestration, registered here with its activities.
    /// </summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The registry.</returns>
    /// <remarks>
    /// Dependencies come from the service provider when present: <see cref="ITodoRepository"/>, <see cref="IChatClient"/>,
    /// <see cref="DataOptions"/>, <see cref="SandboxOptions"/> and <see cref="TimeProvider"/>. A tool whose dependency is absent fails its step
    /// with a clear, non-retriable reason.
    /// </remarks>
    public static DurableTaskRegistry AddAgentTools(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddActivity(ToolNames.Calculator, sp => new CalculatorActivity() { Cache = Get<Caching.PureToolCache>(sp) })
            .AddActivity(ToolNames.TodoAdd, sp => new TodoAddActivity(Get<ITodoRepository>(sp), Get<TimeProvider>(sp)))
            .AddActivity(ToolNames.TodoList, sp => new TodoListActivity(Get<ITodoRepository>(sp)))
            .AddActivity(ToolNames.TodoComplete, sp => new TodoCompleteActivity(Get<ITodoRepository>(sp)))
            .AddActivity(ToolNames.DataProfile, sp => new DataProfileActivity(Get<DataOptions>(sp)) { Cache = Get<Caching.PureToolCache>(sp) })
            .AddActivity(ToolNames.DataClean, sp => new DataCleanActivity(Get<DataOptions>(sp)))
            .AddActivity(ToolNames.StatsDescribe, sp => new StatsDescribeActivity(Get<DataOptions>(sp)) { Cache = Get<Caching.PureToolCache>(sp) })
            .AddActivity(ToolNames.StatsTTest, sp => new StatsTTestActivity(Get<DataOptions>(sp)) { Cache = Get<Caching.PureToolCache>(sp) })
            .AddActivity(ToolNames.StatsChiSquare, sp => new StatsChiSquareActivity(Get<DataOptions>(sp)) { Cache = Get<Caching.PureToolCache>(sp) })
            .AddActivity(ToolNames.StatsCorrelation, sp => new StatsCorrelationActivity(Get<DataOptions>(sp)) { Cache = Get<Caching.PureToolCache>(sp) })
            .AddActivity(ToolNames.LlmSummarize, sp => new LlmSummarizeActivity(Get<IChatClient>(sp)))
            .AddActivity(ToolNames.LlmWrite, sp => new LlmWriteActivity(Get<IChatClient>(sp)))
            .AddActivity(ToolNames.CodePython, sp => new PythonActivity(Get<SandboxOptions>(sp), Get<DataOptions>(sp), Get<TimeProvider>(sp)))
            .AddDataCleaningLifecycle();
    }

    private static T? Get<T>(IServiceProvider services)
        where T : class => services?.GetService(typeof(T)) as T;
}
