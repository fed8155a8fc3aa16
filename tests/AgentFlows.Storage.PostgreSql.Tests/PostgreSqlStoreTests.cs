using AgentFlows.History;
using AgentFlows.Testing;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>What only a shared database can show: schema migration, several hosts, cross-host wake-ups, restarts.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgreSqlStoreTests(PostgresFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);
    private readonly string _schema = PostgresFixture.NewSchemaName();
    private readonly FakeTimeProvider _time = new();
    private readonly List<PostgreSqlOrchestrationStore> _stores = [];

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await fixture.DropSchemaAsync(_schema);
    }

    /// <summary>A store ("host") on this test's schema; disposed with the test.</summary>
    private PostgreSqlOrchestrationStore Host(string hub = PostgreSqlStoreOptions.DefaultHubName)
    {
        var store = fixture.CreateStore(_schema, _time, hub);
        _stores.Add(store);
        return store;
    }

    private async Task<PostgreSqlOrchestrationStore> StartedHostAsync(string hub = PostgreSqlStoreOptions.DefaultHubName)
    {
        var store = Host(hub);
        await store.InitializeAsync();
        return store;
    }

    private static InstanceRecord Record(string id, DateTime now) => new()
    {
        InstanceId = id,
        Name = "Orch",
        ExecutionId = "exec-" + id,
        Status = OrchestrationRuntimeStatus.Pending,
        CreatedAt = now,
        LastUpdatedAt = now,
    };

    private async Task CreateAsync(IOrchestrationStore store, string id) =>
        Assert.True(await store.CreateInstanceAsync(
            Record(id, Now),
            new OrchestrationMessage(id, new HistoryEvent { EventType = EventType.ExecutionStarted, Name = "Orch", ExecutionId = "exec-" + id }, Now),
            null));

    private OrchestrationMessage Event(string id, string name, DateTime? visibleAt = null) =>
        new(id, new HistoryEvent { EventType = EventType.EventRaised, Name = name }, visibleAt ?? Now);

    private static ActivityMessage Activity(string id, int taskId) =>
        new(id, "exec-" + id, new HistoryEvent { EventType = EventType.TaskScheduled, EventId = taskId, Name = "Act" });

    private OrchestrationMessage Completed(ActivityWorkItem item) =>
        new(item.Message.InstanceId, new HistoryEvent { EventType = EventType.TaskCompleted, TaskScheduledId = item.Message.Event.EventId }, Now);

    private static OrchestrationCheckpoint Applied(OrchestrationWorkItem item) => new()
    {
        Instance = item.Instance with { Status = OrchestrationRuntimeStatus.Running },
        NewHistory = [.. item.Messages.Select(m => m.Event)],
    };

    /// <summary>
    /// Waits until every notification the stores sent so far has reached every one of them: each store's pending
    /// NOTIFYs go out, then a marker NOTIFY follows them on the channel (the server delivers in order) and every store
    /// must see it. A wait started after this is not woken by stale notifications.
    /// </summary>
    private async Task QuiesceNotificationsAsync()
    {
        var marker = "test-marker-" + Guid.NewGuid().ToString("N");
        var seen = new List<Task>();
        foreach (var store in _stores.Where(s => s.Listener is not null && !s.IsDisposed))
        {
            await store.NotificationsSent;
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            store.NotificationReceived = p =>
            {
                if (p == marker)
                {
                    tcs.TrySetResult();
                }
            };
            seen.Add(tcs.Task);
        }

        await fixture.QueryAsync<int>($"SELECT 1 FROM pg_notify('{_stores[0].Channel}', '{marker}')");
        await Task.WhenAll(seen).WaitAsync(Prompt);
        foreach (var store in _stores)
        {
            store.NotificationReceived = null;
        }
    }

    /// <summary>Starts a wait on <paramref name="store"/> and returns once it has read the database and gone idle.</summary>
    private async Task<Task> IdleWaitAsync(PostgreSqlOrchestrationStore store, WorkItemKind kind)
    {
        await QuiesceNotificationsAsync();
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.IdleWaitStarting = k =>
        {
            if (k == kind)
            {
                idle.TrySetResult();
            }
        };
        try
        {
            var wait = store.WaitForWorkAsync(kind, TimeSpan.FromHours(1));
            await Task.WhenAny(idle.Task, wait).WaitAsync(Prompt);
            Assert.False(wait.IsCompleted, "The wait returned at once although there was no work.");
            return wait;
        }
        finally
        {
            store.IdleWaitStarting = null;
        }
    }
}
