namespace AgentFlows.Testing;

/// <summary>
/// A clock that moves only when a test moves it. Timers created through it (and so
/// <c>Task.Delay(delay, fakeTime)</c>) fire, in due order, when <see cref="Advance"/> or <see cref="SetUtcNow"/>
/// passes their due time.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;
    private long _timerSequence;

    /// <summary>Initializes a new instance of the <see cref="FakeTimeProvider"/> class at 2030-01-01T00:00:00Z.</summary>
    public FakeTimeProvider()
        : this(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FakeTimeProvider"/> class.</summary>
    /// <param name="start">The initial time.</param>
    public FakeTimeProvider(DateTimeOffset start)
    {
        _now = start.ToUniversalTime();
    }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    /// <param name="delta">How far to move (not negative).</param>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        MoveTo(target);
    }

    /// <summary>Sets the clock (never backwards), firing every timer that falls due on the way.</summary>
    /// <param name="value">The new time.</param>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The fake clock does not go backwards.");
            }
        }

        MoveTo(value);
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void MoveTo(DateTimeOffset target)
    {
        // Timers fire outside the lock so their callbacks may read the clock or create new timers.
        while (true)
        {
            FakeTimer? due = null;
            lock (_gate)
            {
                foreach (var t in _timers)
                {
                    if (t.DueAt <= target && (due is null || t.DueAt < due.DueAt || (t.DueAt == due.DueAt && t.Order < due.Order)))
                    {
                        due = t;
                    }
                }

                if (due is null)
                {
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt;
                }

                if (due.Period > TimeSpan.Zero)
                {
                    due.DueAt += due.Period;
                }
                else
                {
                    _timers.Remove(due);
                }
            }

            due.Fire();
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public long Order { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
                DueAt = owner._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Order = ++owner._timerSequence;
                if (dueTime > TimeSpan.Zero)
                {
                    owner._timers.Add(this);
                    return true;
                }

                if (Period > TimeSpan.Zero)
                {
                    DueAt += Period;
                    owner._timers.Add(this);
                }
            }

            // A timer due now fires at once, on the thread pool, like a real one.
            ThreadPool.QueueUserWorkItem(_ => Fire());
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
