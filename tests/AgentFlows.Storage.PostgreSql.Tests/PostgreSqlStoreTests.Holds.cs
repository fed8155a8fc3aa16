using AgentFlows.History;
using AgentFlows.Testing;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>Held instances: results of activities a host kept reach its next episode in memory, and nothing else waits on them.</summary>
public sealed partial class PostgreSqlStoreTests
{
    [Fact]
    public async Task CompleteOrchestrationAsync_KeptActivitiesPending_HoldsTheInstanceForThisHost()
    {
        var (a, b) = (await StartedHostAsync(), await StartedHostAsync());
        await StartDispatchersAsync(a);
        await ScheduleAsync(a, "i", 1);

        Assert.EndsWith("/held", Assert.Single(await fixture.QueryAsync<string>($"SELECT lock_token FROM \"{_schema}\".instances WHERE instance_id = 'i'")));
        Assert.Null(await b.LockNextOrchestrationAsync("b", Lease));
    }

    [Fact]
    public async Task CompleteActivityAsync_HeldInstance_NextEpisodeGetsTheResultAndItsCheckpointConsumesTheAttempt()
    {
        var a = await StartedHostAsync();
        await StartDispatchersAsync(a);
        await ScheduleAsync(a, "i", 1);
        var attempt = Assert.Single(await a.LockNextActivitiesAsync("a", Lease, 10));

        Assert.True(await a.CompleteActivityAsync(attempt, Completed(attempt)));
        var item = await a.LockNextOrchestrationAsync("a", Lease);

        Assert.Equal(EventType.TaskCompleted, Assert.Single(item!.Messages).Event.EventType);
        Assert.Equal([0L], await fixture.QueryAsync<long>($"SELECT count(*) FROM \"{_schema}\".orchestration_messages"));
        await a.CompleteOrchestrationAsync(item, Applied(item));
        Assert.Equal([0L], await fixture.QueryAsync<long>($"SELECT count(*) FROM \"{_schema}\".activity_messages"));
        Assert.Equal(EventType.TaskCompleted, (await a.GetHistoryAsync("i"))[^1].EventType);
        Assert.Equal([true], await fixture.QueryAsync<bool>($"SELECT lock_token IS NULL FROM \"{_schema}\".instances WHERE instance_id = 'i'"));
    }

    [Fact]
    public async Task SendMessageAsync_HeldInstance_HolderTakesTheMessageWhileItsActivityRuns()
    {
        var (a, b) = (await StartedHostAsync(), await StartedHostAsync());
        await StartDispatchersAsync(a);
        await ScheduleAsync(a, "i", 1);

        Assert.True(await b.SendMessageAsync(Event("i", "approve")));
        await QuiesceNotificationsAsync();

        Assert.Null(await b.LockNextOrchestrationAsync("b", Lease));
        var item = await a.LockNextOrchestrationAsync("a", Lease);
        Assert.Equal("approve", Assert.Single(item!.Messages).Event.Name);
        await a.CompleteOrchestrationAsync(item, Applied(item));
        Assert.Equal(EventType.EventRaised, (await b.GetHistoryAsync("i"))[^1].EventType);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_HolderStalledPastItsLease_ItsCheckpointIsFencedOutAndTheResultRecordedOnce()
    {
        // The holder's clock stands still, as for a process frozen past its lease: it never gives the hold up.
        var a = fixture.CreateStore(_schema, new FakeTimeProvider(), PostgreSqlStoreOptions.DefaultHubName);
        _stores.Add(a);
        var b = await StartedHostAsync();
        await StartDispatchersAsync(a);
        await StartDispatchersAsync(b);
        await ScheduleAsync(a, "i", 1);
        var stale = Assert.Single(await a.LockNextActivitiesAsync("a", Lease, 10));

        // Past the lease, another host clears the hold (the instance has nothing to do until its result arrives).
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Null(await b.LockNextOrchestrationAsync("b", Lease));
        Assert.Equal([true], await fixture.QueryAsync<bool>($"SELECT lock_token IS NULL FROM \"{_schema}\".instances WHERE instance_id = 'i'"));
        var attempt = Assert.Single(await b.LockNextActivitiesAsync("b", Lease, 10));
        Assert.True(await a.CompleteActivityAsync(stale, Completed(stale)));
        var zombie = await a.LockNextOrchestrationAsync("a", Lease);
        await Assert.ThrowsAsync<LeaseLostException>(() => a.CompleteOrchestrationAsync(zombie!, Applied(zombie!)));
        await a.CompletionsWritten;
        Assert.True(await b.CompleteActivityAsync(attempt, Completed(attempt)));
        var item = await b.LockNextOrchestrationAsync("b", Lease);

        Assert.Equal(EventType.TaskCompleted, Assert.Single(item!.Messages).Event.EventType);
        await b.CompleteOrchestrationAsync(item, Applied(item));
        Assert.Single(await b.GetHistoryAsync("i"), e => e.EventType == EventType.TaskCompleted);
    }

    [Fact]
    public async Task HoldSweep_LeaseRunningOut_ReleasesTheInstanceAndTheResultTakesTheQueue()
    {
        var (a, b) = (await StartedHostAsync(), await StartedHostAsync());
        await StartDispatchersAsync(a);
        await ScheduleAsync(a, "i", 1);
        var attempt = Assert.Single(await a.LockNextActivitiesAsync("a", Lease, 10));

        // The sweep runs every eighth of the lease and gives a hold up once less than a quarter is left.
        _time.Advance(Lease * 0.9);
        await a.HoldSweep.WaitAsync(Prompt);

        Assert.Equal([true], await fixture.QueryAsync<bool>($"SELECT lock_token IS NULL FROM \"{_schema}\".instances WHERE instance_id = 'i'"));
        Assert.True(await a.CompleteActivityAsync(attempt, Completed(attempt)));
        Assert.Null(await b.LockNextOrchestrationAsync("b", Lease));
        var item = await a.LockNextOrchestrationAsync("a", Lease);
        Assert.True(Assert.Single(item!.Messages).Sequence > 0);
    }

    [Fact]
    public async Task AbandonOrchestrationAsync_EpisodeUnderHold_ResultsItTookAreWrittenToTheQueue()
    {
        var a = await StartedHostAsync();
        await StartDispatchersAsync(a);
        await ScheduleAsync(a, "i", 2);
        var attempts = await a.LockNextActivitiesAsync("a", Lease, 10);
        Assert.True(await a.CompleteActivityAsync(attempts[0], Completed(attempts[0])));
        var item = await a.LockNextOrchestrationAsync("a", Lease);
        Assert.Equal(0, Assert.Single(item!.Messages).Sequence);

        await a.AbandonOrchestrationAsync(item);
        await a.CompletionsWritten;

        var again = await a.LockNextOrchestrationAsync("a", Lease);
        var stored = Assert.Single(again!.Messages);
        Assert.Equal(1, stored.Event.TaskScheduledId);
        Assert.True(stored.Sequence > 0);
    }

    /// <summary>Makes <paramref name="host"/> look like a host running both dispatchers (they tell the store their leases on their first call).</summary>
    private static async Task StartDispatchersAsync(PostgreSqlOrchestrationStore host)
    {
        Assert.Null(await host.LockNextOrchestrationAsync("w", Lease));
        Assert.Empty(await host.LockNextActivitiesAsync("w", Lease, 10));
    }
}
