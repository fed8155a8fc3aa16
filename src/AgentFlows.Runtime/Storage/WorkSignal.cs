namespace AgentFlows.Storage;

/// <summary>
/// In-process wake-ups for stores that run inside the host (in-memory, SQLite) and for the local half of
/// PostgreSQL's LISTEN/NOTIFY: a commit that makes work visible wakes idle dispatchers at once, and every future
/// visibility (durable timers, lease expiries) wakes them when it falls due.
/// </summary>
public sealed class WorkSignal
{
    // Only the earliest due times are remembered: later ones are found by the polling fallback (and stores that
    // can read their next due time re-announce it), so many long timers never grow this without bound.
    private const int MaxDueTimes = 64;
    private readonly TimeProvider _time;
    private readonly Slot[] _slots = [new(), new()];

    /// <summary>Initializes a new instance of the <see cref="WorkSignal"/> class.</summary>
    /// <param name="time">The clock.</param>
    public WorkSignal(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Announces work of <paramref name="kind"/> that becomes visible at <paramref name="visibleAt"/>.</summary>
    /// <param name="kind">The kind of work.</param>
    /// <param name="visibleAt">When it becomes visible (UTC); a lease expiry counts too.</param>
    public void Notify(WorkItemKind kind, DateTime visibleAt)
    {
        var slot = _slots[(int)kind];
        TaskCompletionSource wake;
        lock (slot)
        {
            if (visibleAt > _time.GetUtcNow().UtcDateTime)
            {
                var earliest = slot.Due.Count == 0 || visibleAt < slot.Due.Min;
                slot.Due.Add(visibleAt);
                if (slot.Due.Count > MaxDueTimes)
                {
                    slot.Due.Remove(slot.Due.Max);
                }

                if (!earliest)
                {
                    return; // an earlier wake-up is already planned
                }
            }
            else
            {
                // Remembered until a waiter sees it: a notice that lands between a worker's empty poll and its
                // wait must not be lost.
                slot.Signaled = true;
            }

            wake = slot.Wake;
            slot.Wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    /// <summary>Waits for a notification, for the earliest due time, or for <paramref name="maxWait"/>.</summary>
    /// <param name="kind">The kind of work.</param>
    /// <param name="maxWait">The longest wait.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <returns>A task.</returns>
    public async Task WaitAsync(WorkItemKind kind, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var slot = _slots[(int)kind];
        Task wake;
        TimeSpan wait;
        lock (slot)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var due = slot.Due.Count > 0 && slot.Due.Min <= now;
            if (due)
            {
                slot.Due.RemoveWhere(d => d <= now);
            }

            if (slot.Signaled || due)
            {
                slot.Signaled = false;
                return;
            }

            var longest = maxWait == Timeout.InfiniteTimeSpan || maxWait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : maxWait;
            var untilDue = slot.Due.Count > 0 ? slot.Due.Min - now : longest;
            wait = untilDue < longest ? untilDue : longest;
            wake = slot.Wake.Task;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, cts.Token);
        await Task.WhenAny(wake, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        lock (slot)
        {
            // The caller polls next, which sees everything committed before this point; due times that passed
            // meanwhile are covered by that poll too.
            slot.Signaled = false;
            slot.Due.RemoveWhere(d => d <= _time.GetUtcNow().UtcDateTime);
        }
    }

    private sealed class Slot
    {
        public TaskCompletionSource Wake { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SortedSet<DateTime> Due { get; } = [];

        public bool Signaled { get; set; }
    }
}
