namespace AgentFlows.Storage;

/// <summary>
/// In-process wake-ups for stores that run inside the host (in-memory, SQLite): a commit that makes work visible
/// wakes idle dispatchers at once, and the earliest future visibility (a durable timer, a lease) wakes them when due.
/// </summary>
public sealed class WorkSignal
{
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
    /// <param name="visibleAt">When it becomes visible (UTC).</param>
    public void Notify(WorkItemKind kind, DateTime visibleAt)
    {
        var slot = _slots[(int)kind];
        TaskCompletionSource wake;
        lock (slot)
        {
            if (visibleAt > _time.GetUtcNow().UtcDateTime && visibleAt >= slot.DueAt)
            {
                return; // an earlier wake-up is already planned
            }

            if (visibleAt > _time.GetUtcNow().UtcDateTime)
            {
                slot.DueAt = visibleAt;
            }

            // Remembered until a waiter sees it: a notice that lands between a worker's empty poll and its wait
            // must not be lost.
            slot.Signaled = true;
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
            if (slot.Signaled || slot.DueAt <= now)
            {
                slot.Signaled = false;
                if (slot.DueAt <= now)
                {
                    slot.DueAt = DateTime.MaxValue;
                }

                return;
            }

            var untilDue = slot.DueAt - now;
            wait = untilDue < maxWait ? untilDue : maxWait;
            wake = slot.Wake.Task;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, cts.Token);
        await Task.WhenAny(wake, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        lock (slot)
        {
            // The caller polls next, which sees everything committed before this point.
            slot.Signaled = false;
        }
    }

    private sealed class Slot
    {
        public TaskCompletionSource Wake { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTime DueAt { get; set; } = DateTime.MaxValue;

        public bool Signaled { get; set; }
    }
}
