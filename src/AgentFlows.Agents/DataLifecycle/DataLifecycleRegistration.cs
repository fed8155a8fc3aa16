using AgentFlows.Agents.Tools.Data;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.DataLifecycle;

/// <summary>Registers the <c>DataCleaningLifecycle</c> orchestration and its activities.</summary>
/// <remarks>
/// Activities take <see cref="DataOptions"/>, <see cref="IChatClient"/> and <see cref="TimeProvider"/> from the services
/// when present. The <c>python</c> operation calls the <c>code.python</c> activity, registered with the sandbox.
/// </remarks>
public static class DataLifecycleRegistration
{
    /// <summary>Adds the lifecycle.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddDataCleaningLifecycle(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator(DataLifecycleNames.Orchestrator, _ => new DataCleaningLifecycleOrchestrator())
            .AddActivity(DataLifecycleNames.Load, sp => new LoadDatasetActivity(Get<DataOptions>(sp)));
        Add<ProfileRequest, System.Text.Json.Nodes.JsonObject>(registry, DataLifecycleNames.Profile, (a, c, i) => a.ProfileAsync(i, c.CancellationToken));
        Add<PlanRequest, CleaningPlan>(registry, DataLifecycleNames.Plan, (a, c, i) => a.PlanAsync(i, c.CancellationToken));
        Add<ApplyRequest, ApplyResult>(registry, DataLifecycleNames.Apply, (a, c, i) => a.ApplyAsync(i, c.CancellationToken));
        Add<ValidateRequest, ValidationResult>(registry, DataLifecycleNames.Validate, (a, c, i) => a.ValidateAsync(i, c.CancellationToken));
        Add<PublishRequest, System.Text.Json.Nodes.JsonObject>(registry, DataLifecycleNames.Publish, (a, c, i) => a.PublishAsync(i, c.CancellationToken));
        return registry;
    }

    private static void Add<TIn, TOut>(DurableTaskRegistry registry, string name, Func<DataLifecycleActivities, TaskActivityContext, TIn, Task<TOut>> body) =>
        registry.AddActivity(name, sp => new StepActivity<TIn, TOut>(
            new DataLifecycleActivities(Get<DataOptions>(sp) ?? new DataOptions(), Get<IChatClient>(sp), Get<TimeProvider>(sp) ?? TimeProvider.System), body));

    private static T? Get<T>(IServiceProvider? services)
        where T : class => services?.GetService(typeof(T)) as T;

    private sealed class StepActivity<TIn, TOut>(DataLifecycleActivities activities, Func<DataLifecycleActivities, TaskActivityContext, TIn, Task<TOut>> body)
        : TaskActivity<TIn, TOut>
    {
        public override Task<TOut> RunAsync(TaskActivityContext context, TIn input) => body(activities, context, input);
    }
}
