using AgentFlows.Client;
using AgentFlows.History;

namespace AgentFlows.Storage.InMemory;

/// <summary>
/// A store in process memory, for unit tests: the reference behaviour of the storage contract, with one lock
/// around everything so each call is atomic.
/// </summary>
public sealed partial class InMemoryOrchestrationStore : IOrchestrationStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly WorkSignal _signal;
    private readonly Dictionary<string, InstanceState> _instances = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, ActivityRow> _activities = [];
    private long _sequence;
    private long _tokens;

    /// <summary>Initializes a new instance of the <see cref="InMemoryOrchestrationStore"/> class.</summary>
    /// <param name="time">The clock (fake in tests).</param>
    public InMemoryOrchestrationStore(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _signal = new WorkSignal(_time);
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<bool> CreateInstanceAsync(
        InstanceRecord instance, OrchestrationMessage start, IReadOnlyCollection<OrchestrationRuntimeStatus>? dedupeStatuses, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(instance.InstanceId, out var existing))
            {
                if (dedupeStatuses?.Contains(existing.Row.Status) == true)
                {
                    return Task.FromResult(false);
                }

                if (!existing.Row.Status.IsTerminal())
                {
                    throw new OrchestrationAlreadyExistsException(instance.InstanceId, existing.Row.Status);
                }
            }

            Upsert(instance);
            Enqueue(start);
        }

        _signal.Notify(WorkItemKind.Orchestration, start.VisibleAt);
        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public Task<bool> SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!Enqueue(message))
            {
                return Task.FromResult(false);
            }
        }

        _signal.Notify(WorkItemKind.Orchestration, message.VisibleAt);
        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var s) ? Shape(s.Row, includePayloads) : null);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var s) ? [.. s.History] : [];
            return Task.FromResult(history);
        }
    }

    /// <inheritdoc/>
    public Task WaitForWorkAsync(WorkItemKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _signal.WaitAsync(kind, maxWait, cancellationToken);

    private static InstanceRecord Shape(InstanceRecord row, bool includePayloads) =>
        includePayloads ? row : row with { Input = null, Output = null, CustomStatus = null };

    private void Upsert(InstanceRecord instance)
    {
        // A replaced terminal instance loses its old history and messages.
        _instances[instance.InstanceId] = new InstanceState(instance with { Version = 0 });
    }

    private bool Enqueue(OrchestrationMessage message)
    {
        if (!_instances.TryGetValue(message.InstanceId, out var target))
        {
            return false;
        }

        target.Inbox.Add(message with { Sequence = ++_sequence });
        return true;
    }

    private string NewToken() => "mem-" + (++_tokens).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class InstanceState(InstanceRecord row)
    {
        public InstanceRecord Row { get; set; } = row;

        public List<HistoryEvent> History { get; } = [];

        public List<OrchestrationMessage> Inbox { get; } = [];

        public string? LockToken { get; set; }

        public DateTime LockedUntil { get; set; }
    }

    private sealed class ActivityRow(ActivityMessage message)
    {
        public ActivityMessage Message { get; } = message;

        public string? LockToken { get; set; }

        public DateTime LockedUntil { get; set; }

        public int DequeueCount { get; set; }
    }
}
