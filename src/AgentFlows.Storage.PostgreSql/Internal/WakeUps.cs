namespace AgentFlows.Storage.PostgreSql.Internal;

/// <summary>
/// This host's wake-ups over a <see cref="WorkSignal"/>: work visible now signals at once; work visible later (a
/// durable timer, a lease end announced by another host) arms one clock timer per kind for the earliest such time,
/// which signals when it falls due.
/// </summary>
/// <remarks>
/// The signal is never told about future work directly: it would wake the current waiter early (so that it can shorten
/// its wait) and the waiter would poll for nothing. Waits that start later need no timer either, because
/// <see cref="PostgreSqlOrchestrationStore.WaitForWorkAsync"/> reads the earliest due time from the database.
/// </remarks>
internal sealed class WakeUps : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly WorkSignal _signal;
    private readonly Slot[] _slots = [new(WorkItemKind.Orchestration), new(WorkItemKind.Activity)];
    private readonly long[] _changes = new long[2];

    /// <summary>Initializes a new instance of the <see cref="WakeUps"/> class.</summary>
    /// <param name="time">The clock.</param>
    public WakeUps(TimeProvider time)
    {
        _time = time;
        _signal = new WorkSignal(time);
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Announces work of <paramref name="kind"/> that becomes visible at <paramref name="visibleAt"/>.</summary>
    /// <param name="kind">The kind of work.</param>
    /// <param name="visibleAt">When it becomes visible (UTC).</param>
    public void Announce(WorkItemKind kind, DateTime visibleAt)
    {
        Interlocked.Increment(ref _changes[(int)kind]);
        var now = Now;
        if (visibleAt <= now)
        {
            _signal.Notify(kind, now);
            return;
        }

        var slot = _slots[(int)kind];
        lock (slot)
        {
            if (slot.Disposed || visibleAt >= slot.DueAt)
            {
                return;
            }

            slot.DueAt = visibleAt;
            slot.Timer ??= _time.CreateTimer(state => Fire((Slot)state!), slot, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            slot.Timer.Change(Clamp(visibleAt - now), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Announces work of every kind visible now (after a gap in which notifications may have been missed).</summary>
    /// <summary>
    /// Gets how many times work of <paramref name="kind"/> was announced (committed, released, notified or fallen due):
    /// while it stays the same, what the database held at a look is still all there is.
    /// </summary>
    /// <param name="kind">The kind of work.</param>
    /// <returns>The count.</returns>
    public long Changes(WorkItemKind kind) => Volatile.Read(ref _changes[(int)kind]);

    /// <summary>Wakes this host's waiters for work handed over in memory; the database did not change.</summary>
    /// <param name="kind">The kind of work.</param>
    public void Nudge(WorkItemKind kind) => _signal.Notify(kind, Now);

    public void AnnounceAll()
    {
        Announce(WorkItemKind.Orchestration, DateTime.MinValue);
        Announce(WorkItemKind.Activity, DateTime.MinValue);
    }

    /// <summary>Forgets a pending signal of <paramref name="kind"/>: the caller is about to read the database, which sees the work it announced.</summary>
    /// <param name="kind">The kind of work.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task ResetAsync(WorkItemKind kind, CancellationToken cancellationToken) =>
        _signal.WaitAsync(kind, TimeSpan.Zero, cancellationToken);

    /// <summary>Waits for a signal of <paramref name="kind"/> or until <paramref name="until"/> on the clock.</summary>
    /// <param name="kind">The kind of work.</param>
    /// <param name="until">When to stop waiting (UTC).</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <returns>A task.</returns>
    public Task WaitAsync(WorkItemKind kind, DateTime until, CancellationToken cancellationToken)
    {
        var wait = until - Now;

        // A day is beyond any sensible poll interval and within what a timer accepts.
        return wait <= TimeSpan.Zero ? Task.CompletedTask : _signal.WaitAsync(kind, Clamp(wait), cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            lock (slot)
            {
                slot.Disposed = true;
                slot.Timer?.Dispose();
            }
        }
    }

    /// <summary>Timers take at most about 49 days; a timer further out is re-armed when the shorter one fires.</summary>
    private static TimeSpan Clamp(TimeSpan wait) => wait < MaxWait ? wait : MaxWait;

    private void Fire(Slot slot)
    {
        var now = Now;
        lock (slot)
        {
            if (slot.DueAt > now)
            {
                // Re-armed after this callback was queued, or a real clock's timer ran a little early: wait for the rest.
                if (slot.DueAt != DateTime.MaxValue && !slot.Disposed)
                {
                    slot.Timer?.Change(Clamp(slot.DueAt - now), Timeout.InfiniteTimeSpan);
                }

                return;
            }

            slot.DueAt = DateTime.MaxValue;
        }

        Interlocked.Increment(ref _changes[(int)slot.Kind]);
        _signal.Notify(slot.Kind, now);
    }

    private sealed class Slot(WorkItemKind kind)
    {
        public WorkItemKind Kind { get; } = kind;

        public ITimer? Timer { get; set; }

        public DateTime DueAt { get; set; } = DateTime.MaxValue;

        public bool Disposed { get; set; }
    }
}
