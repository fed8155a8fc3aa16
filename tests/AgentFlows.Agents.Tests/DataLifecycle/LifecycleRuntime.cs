using System.Text.Json.Nodes;
using AgentFlows.Agents.Runs;
using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Data;
using AgentFlows.Client;
using AgentFlows.Hosting;
using AgentFlows.Storage;
using AgentFlows.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlows.Agents.Tests.DataLifecycle;

/// <summary>
/// A worker and client over a SQLite file with AgentRun and its tools registered, a data folder holding
/// samples/messy.csv; <c>code.python</c> is the real sandbox (bubblewrap and Debian's Python).
/// </summary>
internal sealed class LifecycleRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LifecycleRuntime(TempDataFolder data)
    {
        Data = data;
        data.Write("samples/messy.csv", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "messy.csv")));
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(data.Options);
        services.AddSingleton<IOrchestrationStore>(new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = $"Data Source={Path.Combine(data.Root, "agentflows.db")}" }, TimeProvider.System));
        services.AddAgentFlowsRuntime(
            r => r.AddAgentRuns(),
            w => w.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100));
        _services = services.BuildServiceProvider();
    }

    public TempDataFolder Data { get; }

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public static async Task<LifecycleRuntime> StartAsync(TempDataFolder data)
    {
        var runtime = new LifecycleRuntime(data);
        await runtime._services.GetRequiredService<DurableTaskWorker>().StartAsync(CancellationToken.None);
        return runtime;
    }

    public async Task<OrchestrationMetadata> RunAsync(string stepArgs)
    {
        var plan = AgentFlows.Agents.Plans.Plan.FromJson($$"""{"steps":[{"id":"clean","tool":"data.lifecycle","args":{{stepArgs}}}]}""");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(RunNames.Orchestrator, new RunRequest { Prompt = "clean data until clean", Plan = plan, PlannedBy = "caller", MaxAttempts = 1 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(id, true, cts.Token);
    }

    public async Task<RunProjection> ProjectAsync(string runId) =>
        RunProjection.Build((await Client.GetInstanceAsync(runId, true))!, await Client.GetOrchestrationHistoryAsync(runId));

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<DurableTaskWorker>().StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
