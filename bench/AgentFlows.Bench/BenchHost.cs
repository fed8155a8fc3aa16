using AgentFlows.Client;
using AgentFlows.Hosting;
using AgentFlows.Storage;
using AgentFlows.Storage.InMemory;
using AgentFlows.Storage.PostgreSql;
using AgentFlows.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFlows.Bench;

/// <summary>An in-process runtime over the chosen store, with the benchmark's orchestrations registered.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly string? _tempDir;

    private BenchHost(IOrchestrationStore store, string? tempDir)
    {
        Store = store;
        _tempDir = tempDir;
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Echo", (_, x) => Task.FromResult(x))
            .AddActivityFunc<int, int>("Mark", (_, x) => { Marks.Mark(x); return Task.FromResult(x); })
            .AddOrchestratorFunc<int, int>("Sequential3", async (ctx, x) =>
                await ctx.CallActivityAsync<int>("Echo", x) + await ctx.CallActivityAsync<int>("Echo", x) + await ctx.CallActivityAsync<int>("Echo", x))
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, f) =>
                (await Task.WhenAll(Enumerable.Range(0, f).Select(i => ctx.CallActivityAsync<int>("Echo", i)))).Sum())
            .AddOrchestratorFunc<int, int>("LongHistory", async (ctx, n) =>
            {
                var sum = 0;
                for (var i = 0; i < n; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Mark", i);
                }

                return sum;
            });
        var changes = new InstanceChangeNotifier();
        Worker = new DurableTaskWorker(store, registry, _services, Options.Create(new DurableTaskWorkerOptions()), changes: changes);
        Client = new StoreDurableTaskClient(store, registry, changes: changes);
    }

    public IOrchestrationStore Store { get; }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    public MarkRecorder Marks { get; } = new();

    /// <summary>Starts a runtime over a fresh store.</summary>
    /// <param name="options">The options.</param>
    /// <param name="postgresConnection">
    /// For <c>--store postgres</c>, the server (the --connection string or the throwaway cluster's); each call uses a
    /// schema of its own, so one scenario's rows do not slow the next.
    /// </param>
    /// <returns>The running host.</returns>
    public static async Task<BenchHost> StartAsync(BenchOptions options, string? postgresConnection = null)
    {
        string? temp = null;
        IOrchestrationStore store;
        switch (options.Store)
        {
            case "memory":
                store = new InMemoryOrchestrationStore();
                break;
            case "sqlite":
                temp = options.Connection is null ? Directory.CreateTempSubdirectory("agentflows-bench-").FullName : null;
                store = new SqliteOrchestrationStore(new SqliteStoreOptions
                {
                    ConnectionString = options.Connection ?? $"Data Source={Path.Combine(temp!, "bench.db")}",
                });
                break;
            default:
                var workers = new DurableTaskWorkerOptions();
                store = new PostgreSqlOrchestrationStore(new PostgreSqlStoreOptions
                {
                    ConnectionString = postgresConnection ?? throw new ArgumentException("--store postgres needs a server"),
                    Schema = "bench_" + Guid.NewGuid().ToString("N")[..12],
                    HubName = "bench",
                    MaxConcurrentOrchestrations = workers.MaxConcurrentOrchestratorFunctions,
                    MaxConcurrentActivities = workers.MaxConcurrentActivityFunctions,
                });
                break;
        }

        var host = new BenchHost(store, temp);
        await store.InitializeAsync();
        await host.Worker.StartAsync(CancellationToken.None);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        Worker.Dispose();
        if (Store is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }

        await _services.DisposeAsync();
        if (_tempDir is not null)
        {
            Directory.Delete(_tempDir, recursive: true);
        }
    }
}
