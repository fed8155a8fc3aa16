using AgentFlows.Client;
using AgentFlows.Hosting;
using AgentFlows.Storage;
using AgentFlows.Storage.InMemory;
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

    public static async Task<BenchHost> StartAsync(BenchOptions options)
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
                throw new ArgumentException("--store postgres needs the PostgreSQL store, which is not part of this build yet");
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
