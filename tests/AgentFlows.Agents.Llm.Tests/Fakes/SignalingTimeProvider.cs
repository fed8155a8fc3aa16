using AgentFlows.Testing;

namespace AgentFlows.Agents.Llm.Tests.Fakes;

/// <summary>
/// The fake clock, telling when a timer is created: a test waits for Polly's retry delay to be scheduled before it
/// moves the clock, instead of sleeping and hoping.
/// </summary>
internal sealed class SignalingTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _created = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Signal)> _waiters = [];

    public FakeTimeProvider Clock { get; } = new();

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public IReadOnlyList<TimeSpan> CreatedTimers
    {
        get
        {
            lock (_created)
            {
                return [.. _created];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Clock.CreateTimer(callback, state, dueTime, period);
        lock (_created)
        {
            _created.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => w.Due == dueTime).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Waits (bounded) until a timer due after exactly <paramref name="due"/> has been created.</summary>
    public Task WaitForTimerAsync(TimeSpan due)
    {
        lock (_created)
        {
            if (_created.Contains(due))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((due, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public void Advance(TimeSpan delta) => Clock.Advance(delta);
}
