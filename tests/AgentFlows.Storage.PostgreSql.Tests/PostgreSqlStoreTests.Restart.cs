using AgentFlows.History;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>A host that stops (cleanly or not) loses nothing: the next one finds everything where it was.</summary>
public sealed partial class PostgreSqlStoreTests
{
    [Fact]
    public async Task HostRestarted_SameSchema_SeesInstancesHistoryMessagesActivitiesAndTimers()
    {
        var first = await StartedHostAsync();
        await CreateAsync(first, "a");
        var item = await first.LockNextOrchestrationAsync("w", Lease);
        await first.CompleteOrchestrationAsync(item!, Applied(item!) with
        {
            Instance = item!.Instance with { Status = OrchestrationRuntimeStatus.Running, CustomStatus = "\"cs\"" },
            ActivityMessages = [Activity("a", 0)],
            OrchestratorMessages = [new OrchestrationMessage("a", new HistoryEvent { EventType = EventType.TimerFired, TimerId = 1 }, Now.AddMinutes(10))],
        });
        Assert.True(await first.SendMessageAsync(Event("a", "pending")));
        await first.DisposeAsync();

        var second = await StartedHostAsync();

        var row = await second.GetInstanceAsync("a", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Running, row!.Status);
        Assert.Equal("\"cs\"", row.CustomStatus);
        Assert.Equal(1, row.Version);
        Assert.Equal(EventType.ExecutionStarted, Assert.Single(await second.GetHistoryAsync("a")).EventType);
        Assert.Equal(0, Assert.Single(await second.LockNextActivitiesAsync("w", Lease, 10)).Message.Event.EventId);
        var pending = await second.LockNextOrchestrationAsync("w", Lease);
        Assert.Equal(["pending"], pending!.Messages.Select(m => m.Event.Name));
        await second.CompleteOrchestrationAsync(pending, Applied(pending));
        var wait = await IdleWaitAsync(second, WorkItemKind.Orchestration);
        _time.Advance(TimeSpan.FromMinutes(10));
        await wait.WaitAsync(Prompt);
        Assert.Equal(1, Assert.Single((await second.LockNextOrchestrationAsync("w", Lease))!.Messages).Event.TimerId);
    }

    [Fact]
    public async Task HostDisposedMidEpisode_NextHostGetsWorkAfterLeaseExpires()
    {
        var crashed = await StartedHostAsync();
        await CreateAsync(crashed, "a");
        var lost = await crashed.LockNextOrchestrationAsync("w", Lease);
        await crashed.DisposeAsync();

        var restarted = await StartedHostAsync();
        Assert.Null(await restarted.LockNextOrchestrationAsync("w2", Lease));
        var wait = await IdleWaitAsync(restarted, WorkItemKind.Orchestration);
        _time.Advance(Lease + TimeSpan.FromSeconds(1));

        await wait.WaitAsync(Prompt);
        var again = await restarted.LockNextOrchestrationAsync("w2", Lease);
        Assert.Equal(lost!.Messages.Select(m => m.Sequence), again!.Messages.Select(m => m.Sequence));
        await Assert.ThrowsAsync<LeaseLostException>(() => restarted.CompleteOrchestrationAsync(lost, Applied(lost)));
    }
}
