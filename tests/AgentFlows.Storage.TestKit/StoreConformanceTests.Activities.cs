using AgentFlows.History;

namespace AgentFlows.Storage.TestKit;

/// <summary>Activity attempts: batches, leases, redelivery and exactly-once completion.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task LockNextActivitiesAsync_NoActivities_ReturnsEmpty()
    {
        Assert.Empty(await Store.LockNextActivitiesAsync("w", Lease, 10));
    }

    [Fact]
    public async Task LockNextActivitiesAsync_MaxCount_LocksAtMostMaxCountOldestFirst()
    {
        await ScheduleActivitiesAsync("a", 5);

        var first = await Store.LockNextActivitiesAsync("w1", Lease, 2);
        var second = await Store.LockNextActivitiesAsync("w2", Lease, 10);
        var third = await Store.LockNextActivitiesAsync("w3", Lease, 10);

        Assert.Equal([1, 2], first.Select(a => a.Message.Event.EventId));
        Assert.Equal([3, 4, 5], second.Select(a => a.Message.Event.EventId));
        Assert.Empty(third);
        var all = first.Concat(second).ToList();
        Assert.Equal(all.Select(a => a.Sequence).Order(), all.Select(a => a.Sequence));
        Assert.All(all, a => Assert.Equal(1, a.DequeueCount));
        Assert.All(all, a => Assert.Equal(Now + Lease, a.LockedUntil));
        Assert.All(all, a => Assert.Equal("exec-a", a.Message.ExecutionId));
        Assert.Equal("\"act-3\"", second[0].Message.Event.Input);
    }

    [Fact]
    public async Task LockNextActivitiesAsync_LeaseExpired_RedeliversOldestFirstWithIncrementedDequeueCount()
    {
        await ScheduleActivitiesAsync("a", 2);
        var first = await Store.LockNextActivitiesAsync("w1", Lease, 10);
        Assert.Equal(2, first.Count);
        await ScheduleActivitiesAsync("b", 1);
        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        var again = await Store.LockNextActivitiesAsync("w2", Lease, 10);

        Assert.Equal(3, again.Count);
        Assert.Equal(first.Select(a => a.Sequence), again.Take(2).Select(a => a.Sequence));
        Assert.Equal([2, 2, 1], again.Select(a => a.DequeueCount));
        Assert.Equal("b", again[2].Message.InstanceId);
        Assert.All(again.Take(2).Zip(first), p => Assert.NotEqual(p.Second.LockToken, p.First.LockToken));
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal([3, 3, 2], (await Store.LockNextActivitiesAsync("w3", Lease, 10)).Select(a => a.DequeueCount));
    }

    [Fact]
    public async Task CompleteActivityAsync_HeldLease_DeletesActivityAndEnqueuesResult()
    {
        await ScheduleActivitiesAsync("a", 1);
        var activity = Assert.Single(await Store.LockNextActivitiesAsync("w", Lease, 10));
        Time.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.True(await Store.CompleteActivityAsync(activity, ActivityResult(activity)));

        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Empty(await Store.LockNextActivitiesAsync("w", Lease, 10));
        var item = await LockAsync("a");
        var result = Assert.Single(item.Messages);
        Assert.Equal(EventType.TaskCompleted, result.Event.EventType);
        Assert.Equal(1, result.Event.TaskScheduledId);
        Assert.Equal("\"done-1\"", result.Event.Result);
    }

    [Fact]
    public async Task CompleteActivityAsync_AfterLeaseLost_ReturnsFalseAndEnqueuesNothing()
    {
        await ScheduleActivitiesAsync("a", 1);
        var stale = Assert.Single(await Store.LockNextActivitiesAsync("w1", Lease, 10));
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = Assert.Single(await Store.LockNextActivitiesAsync("w2", Lease, 10));

        Assert.False(await Store.CompleteActivityAsync(stale, ActivityResult(stale)));

        await AssertNothingLockableAsync();
        await Assert.ThrowsAsync<LeaseLostException>(() => Store.RenewActivityAsync(stale, Lease));
        Assert.True(await Store.CompleteActivityAsync(current, ActivityResult(current)));
        Assert.Single((await LockAsync("a")).Messages);
    }

    [Fact]
    public async Task CompleteActivityAsync_SecondCompletionOfSameItem_ReturnsFalse()
    {
        await ScheduleActivitiesAsync("a", 1);
        var activity = Assert.Single(await Store.LockNextActivitiesAsync("w", Lease, 10));
        Assert.True(await Store.CompleteActivityAsync(activity, ActivityResult(activity)));

        Assert.False(await Store.CompleteActivityAsync(activity, ActivityResult(activity)));

        Assert.Single((await LockAsync("a")).Messages);
    }

    [Fact]
    public async Task AbandonActivityAsync_LockedItem_DeliveredAgainAtOnce()
    {
        await ScheduleActivitiesAsync("a", 1);
        var activity = Assert.Single(await Store.LockNextActivitiesAsync("w1", Lease, 10));

        await Store.AbandonActivityAsync(activity);

        var again = Assert.Single(await Store.LockNextActivitiesAsync("w2", Lease, 10));
        Assert.Equal(activity.Sequence, again.Sequence);
        Assert.Equal(2, again.DequeueCount);
        Assert.False(await Store.CompleteActivityAsync(activity, ActivityResult(activity)));
        Assert.True(await Store.CompleteActivityAsync(again, ActivityResult(again)));
    }

    [Fact]
    public async Task RenewActivityAsync_HeldLease_ExtendsExpiry()
    {
        await ScheduleActivitiesAsync("a", 1);
        var activity = Assert.Single(await Store.LockNextActivitiesAsync("w1", Lease, 10));
        Time.Advance(Lease - TimeSpan.FromSeconds(10));

        var renewed = await Store.RenewActivityAsync(activity, Lease);

        Assert.Equal(Now + Lease, renewed.LockedUntil);
        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(await Store.LockNextActivitiesAsync("w2", Lease, 10));
        Assert.True(await Store.CompleteActivityAsync(renewed, ActivityResult(renewed)));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_FutureVisibleAt_NotLockableUntilClockPassesIt()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        var fireAt = Now.AddMinutes(10);
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 1, fireAt)));

        await AssertNothingLockableAsync();
        Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        await AssertNothingLockableAsync();
        Time.Advance(TimeSpan.FromTicks(1));

        var item = await LockAsync("a");
        var timer = Assert.Single(item.Messages);
        Assert.Equal(1, timer.Event.TimerId);
        Assert.Equal(fireAt, timer.VisibleAt);
        Assert.Equal(fireAt, timer.Event.FireAt);
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_SeveralTimers_BecomeVisibleInDueOrder()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        var start = Now;
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 1, start.AddSeconds(30))));
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 2, start.AddSeconds(10))));
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 3, start.AddSeconds(20))));
        await AssertNothingLockableAsync();

        var fired = new List<int?>();
        for (var i = 0; i < 3; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(10));
            var messages = await RunEpisodeAsync("a");
            fired.Add(Assert.Single(messages).Event.TimerId);
            await AssertNothingLockableAsync();
        }

        Assert.Equal([2, 3, 1], fired);
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_DueAndFutureMessages_DeliversOnlyDueOnes()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 1, Now.AddHours(1))));
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "now")));

        var item = await LockAsync("a");
        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item));

        Assert.Equal(["now"], Names(item.Messages));
        await AssertNothingLockableAsync();
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, Assert.Single((await LockAsync("a")).Messages).Event.TimerId);
    }
}
