using AgentFlows.Testing;

namespace AgentFlows.Storage.InMemory.Tests;

/// <summary>The fake clock of the test kit: time moves only when told, timers fire in due order.</summary>
public sealed class FakeTimeProviderTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TaskDelay_ClockAdvancedPastDelay_Completes()
    {
        var time = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), time);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(Prompt);
    }

    [Fact]
    public void Advance_SeveralTimersDue_FiresInDueOrderWithClockAtEachDueTime()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([("early", TimeSpan.FromSeconds(10)), ("late", TimeSpan.FromSeconds(30))], fired);
        Assert.Equal(start + TimeSpan.FromMinutes(1), time.GetUtcNow());
    }

    [Fact]
    public void CreateTimer_Periodic_FiresOncePerPeriodPassed()
    {
        var time = new FakeTimeProvider();
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(3.5));

        Assert.Equal(3, count);
    }

    [Fact]
    public async Task TaskDelay_Cancelled_DisposesTimerAndNeverFires()
    {
        var time = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), time, cts.Token);

        await cts.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        time.SetUtcNow(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(2031, time.GetUtcNow().Year);
    }
}
