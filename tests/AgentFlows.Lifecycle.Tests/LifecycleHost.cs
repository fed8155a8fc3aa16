using AgentFlows.Agents.Lifecycle;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Runs;
using AgentFlows.Agents.Tools.Todos;
using AgentFlows.Client;
using AgentFlows.Hosting;
using AgentFlows.Storage;
using AgentFlows.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlows.Lifecycle.Tests;

/// <summary>One "host": a worker and client over a SQLite file, with the lifecycle and a stand-in AgentRun registered.</summary>
internal sealed class LifecycleHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HttpClient _http = new();

    private LifecycleHost(string dbPath, LifecycleOptions options, IChatClient? chat, TimeProvider time)
    {
        var connection = $"Data Source={dbPath}";
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton<IOrchestrationStore>(new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = connection }, time));
        services.AddSingleton<IModelRegistry>(new DbModelRegistry(SqliteFactory.Instance.CreateDataSource(connection), TodoSqlDialect.Sqlite, time));
        services.AddSingleton(new LifecycleEnvironment(options, _http, Path.Combine(Path.GetDirectoryName(dbPath)!, "lifecycle")));
        if (chat is not null)
        {
            services.AddSingleton(chat);
        }

        services.AddAgentFlowsRuntime(
            r => r.AddFineTuneLifecycle().AddOrchestratorFunc<RunRequest, string>(RunNames.Orchestrator, (_, _) => Task.FromResult("done")),
            w => w.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100));
        _services = services.BuildServiceProvider();
    }

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public IModelRegistry Models => _services.GetRequiredService<IModelRegistry>();

    public static async Task<LifecycleHost> StartAsync(string dbPath, LifecycleOptions options, IChatClient? chat = null, TimeProvider? time = null)
    {
        var host = new LifecycleHost(dbPath, options, chat, time ?? TimeProvider.System);
        await host._services.GetRequiredService<DurableTaskWorker>().StartAsync(CancellationToken.None);
        return host;
    }

    public static string PromptOf(int i) => $"add {i} and {i}";

    public static string PlanOf(string prompt)
    {
        var n = prompt.Split(' ')[1];
        return $$$"""{"steps":[{"id":"calc","tool":"calculator","args":{"expression":"{{{n}}}+{{{n}}}"}}]}""";
    }

    public async Task SeedRunsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var prompt = PromptOf(i);
            var id = await Client.ScheduleNewOrchestrationInstanceAsync(RunNames.Orchestrator, new RunRequest { Prompt = prompt, Plan = Plan.FromJson(PlanOf(prompt)), PlannedBy = "pattern" });
            await WaitAsync(id);
        }
    }

    public async Task<OrchestrationMetadata> WaitAsync(string id, int seconds = 60)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(id, true, cts.Token);
    }

    /// <summary>Polls the status (as the runtime's own rewind tests do): a rewind is applied by the worker, not the call.</summary>
    public async Task WaitUntilAsync(string id, Func<OrchestrationRuntimeStatus, bool> done)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await Client.GetInstanceAsync(id))?.RuntimeStatus is not { } s || !done(s))
        {
            await Task.Delay(5, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<DurableTaskWorker>().StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        _http.Dispose();
    }
}
