using AgentFlows.History;
using AgentFlows.Testing;

namespace AgentFlows.Storage.TestKit;

/// <summary>
/// The storage conformance suite: every <see cref="IOrchestrationStore"/> derives one test class from this and passes
/// it unchanged. Each test gets a fresh store on a fake clock that starts at 2030-01-01T00:00:00Z.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    /// <summary>The lease every test takes unless it says otherwise.</summary>
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>The longest real time a test waits for something that should happen at once.</summary>
    protected static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    private IOrchestrationStore? _store;

    /// <summary>Gets the fake clock the store runs on.</summary>
    protected FakeTimeProvider Time { get; } = new();

    /// <summary>Gets the store under test.</summary>
    protected IOrchestrationStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Gets the fake clock's current time.</summary>
    protected DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _store = CreateStore(Time);
        await _store.InitializeAsync();
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    /// <summary>Creates an empty store on <paramref name="time"/>; the suite calls InitializeAsync on it.</summary>
    /// <param name="time">The clock the store must use.</param>
    /// <returns>The store.</returns>
    protected abstract IOrchestrationStore CreateStore(TimeProvider time);

    /// <summary>Disposes a store made by <see cref="CreateStore"/> and whatever it left behind (files, databases).</summary>
    /// <param name="store">The store.</param>
    /// <returns>A task.</returns>
    protected virtual async Task DisposeStoreAsync(IOrchestrationStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Builds a Pending instance row.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="createdAt">The creation time.</param>
    /// <param name="input">The input JSON.</param>
    /// <returns>The row.</returns>
    protected static InstanceRecord NewRecord(string id, DateTime createdAt, string? input = "\"input\"") => new()
    {
        InstanceId = id,
        Name = "TestOrchestrator",
        ExecutionId = "exec-" + id,
        Status = OrchestrationRuntimeStatus.Pending,
        Input = input,
        CreatedAt = createdAt,
        LastUpdatedAt = createdAt,
    };

    /// <summary>Builds the ExecutionStarted message of an instance, visible now.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="input">The input JSON.</param>
    /// <returns>The message.</returns>
    protected OrchestrationMessage StartMessage(string id, string? input = "\"input\"") => new(
        id,
        new HistoryEvent { EventType = EventType.ExecutionStarted, Name = "TestOrchestrator", Input = input, ExecutionId = "exec-" + id, Timestamp = Now },
        Now);

    /// <summary>Builds an EventRaised message.</summary>
    /// <param name="id">The target instance.</param>
    /// <param name="name">The event name (tests use it to tell messages apart).</param>
    /// <param name="visibleAt">When it becomes visible; now when null.</param>
    /// <returns>The message.</returns>
    protected OrchestrationMessage EventMessage(string id, string name, DateTime? visibleAt = null) => new(
        id,
        new HistoryEvent { EventType = EventType.EventRaised, Name = name, Input = "\"" + name + "\"", Timestamp = Now },
        visibleAt ?? Now);

    /// <summary>Builds a TimerFired message that becomes visible at <paramref name="fireAt"/>.</summary>
    /// <param name="id">The target instance.</param>
    /// <param name="timerId">The timer's sequence number.</param>
    /// <param name="fireAt">When it fires.</param>
    /// <returns>The message.</returns>
    protected static OrchestrationMessage TimerMessage(string id, int timerId, DateTime fireAt) => new(
        id,
        new HistoryEvent { EventType = EventType.TimerFired, TimerId = timerId, FireAt = fireAt, Timestamp = fireAt },
        fireAt);

    /// <summary>Builds a message of a bare event type (resume, terminate, suspend).</summary>
    /// <param name="id">The target instance.</param>
    /// <param name="type">The event type.</param>
    /// <returns>The message.</returns>
    protected OrchestrationMessage ControlMessage(string id, EventType type) => new(
        id,
        new HistoryEvent { EventType = type, Reason = type.ToString(), Timestamp = Now },
        Now);

    /// <summary>Builds an activity request.</summary>
    /// <param name="id">The calling instance.</param>
    /// <param name="taskId">The call's sequence number.</param>
    /// <param name="name">The activity name.</param>
    /// <returns>The message.</returns>
    protected ActivityMessage ActivityRequest(string id, int taskId, string name = "TestActivity") => new(
        id,
        "exec-" + id,
        new HistoryEvent { EventType = EventType.TaskScheduled, EventId = taskId, Name = name, Input = "\"act-" + taskId + "\"", Attempt = 1, Timestamp = Now });

    /// <summary>Builds the TaskCompleted result of an activity.</summary>
    /// <param name="item">The activity work item.</param>
    /// <returns>The message.</returns>
    protected OrchestrationMessage ActivityResult(ActivityWorkItem item) => new(
        item.Message.InstanceId,
        new HistoryEvent { EventType = EventType.TaskCompleted, TaskScheduledId = item.Message.Event.EventId, Result = "\"done-" + item.Message.Event.EventId + "\"", Timestamp = Now },
        Now);

    /// <summary>Builds a checkpoint that applies the work item's messages and sets <paramref name="status"/>.</summary>
    /// <param name="item">The work item.</param>
    /// <param name="status">The new status.</param>
    /// <returns>The checkpoint.</returns>
    protected OrchestrationCheckpoint CheckpointOf(OrchestrationWorkItem item, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running) => new()
    {
        Instance = item.Instance with
        {
            Status = status,
            LastUpdatedAt = Now,
            CompletedAt = status.IsTerminal() ? Now : null,
            Output = status.IsTerminal() ? "\"output\"" : null,
        },
        NewHistory = [.. item.Messages.Select(m => m.Event)],
    };

    /// <summary>Creates a Pending instance with its start message.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="createdAt">The creation time; now when null.</param>
    /// <returns>A task.</returns>
    protected async Task CreateAsync(string id, DateTime? createdAt = null)
    {
        Assert.True(await Store.CreateInstanceAsync(NewRecord(id, createdAt ?? Now), StartMessage(id), null));
    }

    /// <summary>Creates an instance and runs one episode that leaves it in <paramref name="status"/> with its start event in history.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="status">The status to reach.</param>
    /// <param name="createdAt">The creation time; now when null.</param>
    /// <returns>The instance's fencing version afterwards.</returns>
    protected async Task<long> CreateWithStatusAsync(string id, OrchestrationRuntimeStatus status, DateTime? createdAt = null)
    {
        await CreateAsync(id, createdAt);
        var item = await LockAsync(id);
        return await Store.CompleteOrchestrationAsync(item, CheckpointOf(item, status));
    }

    /// <summary>Locks the instance <paramref name="id"/>: other instances locked on the way are abandoned again.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="workerId">The worker id.</param>
    /// <returns>The work item.</returns>
    protected async Task<OrchestrationWorkItem> LockAsync(string id, string workerId = "worker-1")
    {
        var others = new List<OrchestrationWorkItem>();
        try
        {
            while (await Store.LockNextOrchestrationAsync(workerId, Lease) is { } item)
            {
                if (item.Instance.InstanceId == id)
                {
                    return item;
                }

                others.Add(item);
            }

            Assert.Fail($"Instance '{id}' could not be locked.");
            throw new InvalidOperationException();
        }
        finally
        {
            foreach (var other in others)
            {
                await Store.AbandonOrchestrationAsync(other);
            }
        }
    }

    /// <summary>Locks the instance and commits an episode that applies its messages.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="status">The status afterwards.</param>
    /// <returns>The messages that were applied.</returns>
    protected async Task<IReadOnlyList<OrchestrationMessage>> RunEpisodeAsync(string id, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running)
    {
        var item = await LockAsync(id);
        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item, status));
        return item.Messages;
    }

    /// <summary>Schedules activities for an instance through a checkpoint (the only way activities enter a store).</summary>
    /// <param name="id">The calling instance (created here).</param>
    /// <param name="count">How many activities.</param>
    /// <returns>A task.</returns>
    protected async Task ScheduleActivitiesAsync(string id, int count)
    {
        await CreateAsync(id);
        var item = await LockAsync(id);
        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item) with
        {
            ActivityMessages = [.. Enumerable.Range(1, count).Select(i => ActivityRequest(id, i))],
        });
    }

    /// <summary>Asserts that no instance can be locked now (the lock, if any, is abandoned again).</summary>
    /// <returns>A task.</returns>
    protected async Task AssertNothingLockableAsync()
    {
        var item = await Store.LockNextOrchestrationAsync("probe", Lease);
        if (item is not null)
        {
            await Store.AbandonOrchestrationAsync(item);
            Assert.Fail($"Instance '{item.Instance.InstanceId}' was lockable with {item.Messages.Count} message(s).");
        }
    }

    /// <summary>The names of EventRaised messages, for order checks.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The names.</returns>
    protected static string[] Names(IEnumerable<OrchestrationMessage> messages) => [.. messages.Select(m => m.Event.Name ?? "")];
}
