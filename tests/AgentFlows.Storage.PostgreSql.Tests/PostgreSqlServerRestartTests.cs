using AgentFlows.History;
using AgentFlows.Testing;
using AgentFlows.Testing.Postgres;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>
/// The server itself restarts under running stores. These tests restart PostgreSQL, so they run on a private
/// throwaway cluster (even when AGENTFLOWS_TEST_POSTGRES names a shared server): restarting a shared one would break
/// the tests running beside them.
/// </summary>
public sealed class PostgreSqlServerRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new();
    private readonly List<PostgreSqlOrchestrationStore> _stores = [];
    private PostgresCluster? _cluster;

    private PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster starts in InitializeAsync.");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ServerRestarted_ListenersReconnectAndCallsAndWakeUpsWorkAgain()
    {
        var sender = await StartedHostAsync();
        var receiver = await StartedHostAsync();
        await CreateAsync(sender, "a");
        var first = await receiver.LockNextOrchestrationAsync("w", Lease);
        await receiver.CompleteOrchestrationAsync(first!, Applied(first!));

        await Cluster.RestartAsync();

        using var timeout = new CancellationTokenSource(Reconnect);
        await sender.Listener!.WaitForConnectionsAsync(2, timeout.Token);
        await receiver.Listener!.WaitForConnectionsAsync(2, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await receiver.GetInstanceAsync("a", includePayloads: false))!.Status);
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.IdleWaitStarting = _ => idle.TrySetResult();
        var wait = receiver.WaitForWorkAsync(WorkItemKind.Orchestration, TimeSpan.FromHours(1));
        await Task.WhenAny(idle.Task, wait).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(wait.IsCompleted);
        Assert.True(await sender.SendMessageAsync(new OrchestrationMessage("a", new HistoryEvent { EventType = EventType.EventRaised, Name = "after" }, Now)));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["after"], (await receiver.LockNextOrchestrationAsync("w", Lease))!.Messages.Select(m => m.Event.Name));
    }

    [Fact]
    public async Task ServerRestartedBetweenCalls_NextCallsSucceedOnFreshConnections()
    {
        var store = await StartedHostAsync();
        await CreateAsync(store, "a");

        await Cluster.RestartAsync();
        using var timeout = new CancellationTokenSource(Reconnect);
        await store.Listener!.WaitForConnectionsAsync(2, timeout.Token);

        for (var i = 0; i < 20; i++)
        {
            Assert.NotNull(await store.GetInstanceAsync("a", includePayloads: true));
        }

        var item = await store.LockNextOrchestrationAsync("w", Lease);
        Assert.Equal(1, await store.CompleteOrchestrationAsync(item!, Applied(item!)));
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private static OrchestrationCheckpoint Applied(OrchestrationWorkItem item) => new()
    {
        Instance = item.Instance with { Status = OrchestrationRuntimeStatus.Running },
        NewHistory = [.. item.Messages.Select(m => m.Event)],
    };

    private async Task<PostgreSqlOrchestrationStore> StartedHostAsync()
    {
        var store = new PostgreSqlOrchestrationStore(
            new PostgreSqlStoreOptions { ConnectionString = Cluster.ConnectionString, MaxPoolSize = 8, MaxListenerReconnectDelay = TimeSpan.FromSeconds(1) },
            _time);
        _stores.Add(store);
        await store.InitializeAsync();
        return store;
    }

    private async Task CreateAsync(IOrchestrationStore store, string id)
    {
        var row = new InstanceRecord
        {
            InstanceId = id,
            Name = "Orch",
            ExecutionId = "exec-" + id,
            Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = Now,
            LastUpdatedAt = Now,
        };
        Assert.True(await store.CreateInstanceAsync(row, new OrchestrationMessage(id, new HistoryEvent { EventType = EventType.ExecutionStarted }, Now), null));
    }
}
