using AgentFlows.History;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>Local hand-off: work a host produces for itself stays with it, and goes to every host when it cannot start it.</summary>
public sealed partial class PostgreSqlStoreTests
{
    [Fact]
    public async Task CompleteOrchestrationAsync_HostRunsActivities_KeepsThemForItsOwnDispatcher()
    {
        var (a, b) = (await StartedHostAsync(), await StartedHostAsync());
        Assert.Empty(await a.LockNextActivitiesAsync("a", Lease, 10));
        await ScheduleAsync(a, "i", 3);

        Assert.Empty(await b.LockNextActivitiesAsync("b", Lease, 10));
        var kept = await a.LockNextActivitiesAsync("a", Lease, 10);

        Assert.Equal([1, 2, 3], kept.Select(k => k.Message.Event.EventId));
        Assert.All(kept, k => Assert.Equal(1, k.DequeueCount));
        Assert.All(kept, k => Assert.Equal(Now + Lease, k.LockedUntil));
        Assert.All(kept, k => Assert.True(k.Sequence > 0));
    }

    [Fact]
    public async Task LockNextActivitiesAsync_KeptAttemptsNotStartedInTime_ReleasedToOtherHostsAsFirstDelivery()
    {
        var (a, b) = (await StartedHostAsync(), await StartedHostAsync());
        Assert.Empty(await a.LockNextActivitiesAsync("a", Lease, 10));
        await ScheduleAsync(a, "i", 2);

        _time.Advance(TimeSpan.FromSeconds(2));
        await a.ClaimSweep.WaitAsync(Prompt);
        var taken = await b.LockNextActivitiesAsync("b", Lease, 10);

        Assert.Equal(2, taken.Count);
        Assert.All(taken, t => Assert.Equal(1, t.DequeueCount));
        Assert.Empty(await a.LockNextActivitiesAsync("a", Lease, 10));
    }

    [Fact]
    public async Task CompleteActivityAsync_KeptAttempt_LeasesTheInstanceToThisHostWithTheResult()
    {
        var (a, b) = (await StartedHostAsync(), await StartedHostAsync());
        Assert.Empty(await a.LockNextActivitiesAsync("a", Lease, 10));
        await ScheduleAsync(a, "i", 1);
        var attempt = Assert.Single(await a.LockNextActivitiesAsync("a", Lease, 10));

        Assert.True(await a.CompleteActivityAsync(attempt, Completed(attempt)));

        Assert.Null(await b.LockNextOrchestrationAsync("b", Lease));
        var item = await a.LockNextOrchestrationAsync("a", Lease);
        var result = Assert.Single(item!.Messages);
        Assert.Equal(EventType.TaskCompleted, result.Event.EventType);
        await a.CompleteOrchestrationAsync(item, Applied(item));
        Assert.Equal(EventType.TaskCompleted, (await b.GetHistoryAsync("i"))[^1].EventType);
    }

    [Fact]
    public async Task CreateInstanceAsync_HostRunsOrchestrations_LeasesTheNewInstanceToItself()
    {
        var (a, b) = (await StartedHostAsync(), await StartedHostAsync());
        Assert.Null(await a.LockNextOrchestrationAsync("a", Lease));

        await CreateAsync(a, "i");

        Assert.Null(await b.LockNextOrchestrationAsync("b", Lease));
        var item = await a.LockNextOrchestrationAsync("a", Lease);
        Assert.Equal(0, item!.Instance.Version);
        Assert.Equal(EventType.ExecutionStarted, Assert.Single(item.Messages).Event.EventType);
        await a.CompleteOrchestrationAsync(item, Applied(item));
        Assert.Equal([EventType.ExecutionStarted], (await b.GetHistoryAsync("i")).Select(e => e.EventType));
        Assert.Equal(1, (await b.GetInstanceAsync("i", includePayloads: false))!.Version);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_HandOffOff_EveryHostCanTakeTheActivities()
    {
        var a = fixture.CreateStore(_schema, _time, PostgreSqlStoreOptions.DefaultHubName, o => o with { LocalHandOff = false });
        _stores.Add(a);
        var b = await StartedHostAsync();
        Assert.Empty(await a.LockNextActivitiesAsync("a", Lease, 10));
        await ScheduleAsync(a, "i", 2);

        Assert.Equal(2, (await b.LockNextActivitiesAsync("b", Lease, 10)).Count);
    }

    /// <summary>Creates <paramref name="id"/> on <paramref name="host"/> and checkpoints it with <paramref name="count"/> activities.</summary>
    private async Task ScheduleAsync(PostgreSqlOrchestrationStore host, string id, int count)
    {
        await CreateAsync(host, id);
        var item = await host.LockNextOrchestrationAsync("w", Lease);
        await host.CompleteOrchestrationAsync(item!, Applied(item!) with { ActivityMessages = [.. Enumerable.Range(1, count).Select(i => Activity(id, i))] });
    }
}
