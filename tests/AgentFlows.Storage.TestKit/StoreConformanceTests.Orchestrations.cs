using AgentFlows.History;

namespace AgentFlows.Storage.TestKit;

/// <summary>Locking, checkpointing, abandoning and renewing orchestration work items; leases and fencing.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task LockNextOrchestrationAsync_EmptyStore_ReturnsNull()
    {
        Assert.Null(await Store.LockNextOrchestrationAsync("w", Lease));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_PendingInstance_ReturnsLeasedWorkItem()
    {
        await CreateAsync("a");

        var item = await Store.LockNextOrchestrationAsync("w", Lease);

        Assert.NotNull(item);
        Assert.Equal("a", item.Instance.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, item.Instance.Status);
        Assert.False(string.IsNullOrEmpty(item.LockToken));
        Assert.Equal(Now + Lease, item.LockedUntil);
        Assert.Equal(EventType.ExecutionStarted, Assert.Single(item.Messages).Event.EventType);
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_InstanceAlreadyLocked_IsNotLockedTwice()
    {
        await CreateAsync("a");
        var first = await Store.LockNextOrchestrationAsync("w1", Lease);
        Assert.NotNull(first);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "while-locked")));

        Assert.Null(await Store.LockNextOrchestrationAsync("w2", Lease));
        Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Null(await Store.LockNextOrchestrationAsync("w2", Lease));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_TwoInstances_LocksEachOnce()
    {
        await CreateAsync("a");
        await CreateAsync("b");

        var first = await Store.LockNextOrchestrationAsync("w1", Lease);
        var second = await Store.LockNextOrchestrationAsync("w2", Lease);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first.Instance.InstanceId, second.Instance.InstanceId);
        Assert.NotEqual(first.LockToken, second.LockToken);
        Assert.Null(await Store.LockNextOrchestrationAsync("w3", Lease));
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_HeldLease_AppendsHistoryConsumesMessagesAndReleasesLock()
    {
        await CreateAsync("a");
        var item = await LockAsync("a");

        var version = await Store.CompleteOrchestrationAsync(item, CheckpointOf(item));

        Assert.Equal(item.Instance.Version + 1, version);
        var row = await Store.GetInstanceAsync("a", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Running, row!.Status);
        Assert.Equal(version, row.Version);
        Assert.Equal([EventType.ExecutionStarted], (await Store.GetHistoryAsync("a")).Select(e => e.EventType));
        await AssertNothingLockableAsync();

        Assert.True(await Store.SendMessageAsync(EventMessage("a", "next")));
        var again = await LockAsync("a");
        Assert.Equal(["next"], Names(again.Messages));
        Assert.Equal(version, again.Instance.Version);
        var version2 = await Store.CompleteOrchestrationAsync(again, CheckpointOf(again));
        Assert.Equal(version + 1, version2);
        Assert.Equal([EventType.ExecutionStarted, EventType.EventRaised], (await Store.GetHistoryAsync("a")).Select(e => e.EventType));
    }

    [Fact]
    public async Task AbandonOrchestrationAsync_LockedInstance_ReleasesWithoutConsuming()
    {
        await CreateAsync("a");
        var item = await LockAsync("a");

        await Store.AbandonOrchestrationAsync(item);

        var again = await Store.LockNextOrchestrationAsync("w2", Lease);
        Assert.NotNull(again);
        Assert.Equal("a", again.Instance.InstanceId);
        Assert.Equal(item.Messages.Select(m => m.Sequence), again.Messages.Select(m => m.Sequence));
        Assert.Equal(item.Instance.Version, again.Instance.Version);
        Assert.Empty(await Store.GetHistoryAsync("a"));
    }

    [Fact]
    public async Task AbandonOrchestrationAsync_StaleWorkItem_DoesNotReleaseNewHolder()
    {
        await CreateAsync("a");
        var stale = await LockAsync("a", "w1");
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = await LockAsync("a", "w2");

        await Store.AbandonOrchestrationAsync(stale);

        Assert.Null(await Store.LockNextOrchestrationAsync("w3", Lease));
        Assert.Equal(1, await Store.CompleteOrchestrationAsync(current, CheckpointOf(current)));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_LeaseExpired_AnotherWorkerTakesOver()
    {
        await CreateAsync("a");
        var first = await LockAsync("a", "w1");
        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        var second = await Store.LockNextOrchestrationAsync("w2", Lease);

        Assert.NotNull(second);
        Assert.Equal("a", second.Instance.InstanceId);
        Assert.NotEqual(first.LockToken, second.LockToken);
        Assert.Equal(first.Messages.Select(m => m.Sequence), second.Messages.Select(m => m.Sequence));
        Assert.Equal(Now + Lease, second.LockedUntil);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_LeaseLostToAnotherWorker_ThrowsLeaseLostAndWritesNothing()
    {
        await CreateWithStatusAsync("other", OrchestrationRuntimeStatus.Running);
        await CreateAsync("a");
        var stale = await LockAsync("a", "w1");
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = await LockAsync("a", "w2");
        var staleCheckpoint = CheckpointOf(stale, OrchestrationRuntimeStatus.Completed) with
        {
            ActivityMessages = [ActivityRequest("a", 1)],
            OrchestratorMessages = [EventMessage("other", "from-stale")],
            NewInstances = [new NewInstance(NewRecord("child", Now), StartMessage("child"))],
        };

        await Assert.ThrowsAsync<LeaseLostException>(() => Store.CompleteOrchestrationAsync(stale, staleCheckpoint));

        var row = await Store.GetInstanceAsync("a", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, row!.Status);
        Assert.Equal(0, row.Version);
        Assert.Empty(await Store.GetHistoryAsync("a"));
        Assert.Empty(await Store.LockNextActivitiesAsync("w", Lease, 10));
        Assert.Null(await Store.GetInstanceAsync("child", includePayloads: false));
        await AssertNothingLockableAsync();
        Assert.Equal(1, await Store.CompleteOrchestrationAsync(current, CheckpointOf(current)));
        Assert.Single(await Store.GetHistoryAsync("a"));
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_SameWorkItemTwice_SecondThrowsLeaseLost()
    {
        await CreateAsync("a");
        var item = await LockAsync("a");
        Assert.Equal(1, await Store.CompleteOrchestrationAsync(item, CheckpointOf(item)));

        await Assert.ThrowsAsync<LeaseLostException>(() => Store.CompleteOrchestrationAsync(item, CheckpointOf(item, OrchestrationRuntimeStatus.Completed)));

        Assert.Single(await Store.GetHistoryAsync("a"));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Store.GetInstanceAsync("a", false))!.Status);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_WorkItemWithStaleVersion_ThrowsLeaseLostAndWritesNothing()
    {
        await CreateAsync("a");
        var item = await LockAsync("a");
        var forged = item with { Instance = item.Instance with { Version = item.Instance.Version + 7 } };

        await Assert.ThrowsAsync<LeaseLostException>(() => Store.CompleteOrchestrationAsync(forged, CheckpointOf(forged)));

        Assert.Empty(await Store.GetHistoryAsync("a"));
        Assert.Equal(0, (await Store.GetInstanceAsync("a", false))!.Version);
        Assert.Equal(1, await Store.CompleteOrchestrationAsync(item, CheckpointOf(item)));
    }

    [Fact]
    public async Task RenewOrchestrationAsync_HeldLease_ExtendsExpiry()
    {
        await CreateAsync("a");
        var item = await LockAsync("a");
        Time.Advance(Lease - TimeSpan.FromSeconds(10));

        var renewed = await Store.RenewOrchestrationAsync(item, Lease);

        Assert.Equal(Now + Lease, renewed.LockedUntil);
        Assert.Equal(item.LockToken, renewed.LockToken);
        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await Store.LockNextOrchestrationAsync("w2", Lease));
        Assert.Equal(1, await Store.CompleteOrchestrationAsync(renewed, CheckpointOf(renewed)));
    }

    [Fact]
    public async Task RenewOrchestrationAsync_AfterLeaseLost_ThrowsLeaseLost()
    {
        await CreateAsync("a");
        var stale = await LockAsync("a", "w1");
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = await LockAsync("a", "w2");

        await Assert.ThrowsAsync<LeaseLostException>(() => Store.RenewOrchestrationAsync(stale, Lease));

        Assert.Equal(1, await Store.CompleteOrchestrationAsync(current, CheckpointOf(current)));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_MessagesSentAfterLock_NotConsumedAndDeliveredNextTime()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "e1")));
        var item = await LockAsync("a");
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "e2")));
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "e3")));

        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item));

        Assert.Equal(["e1"], Names(item.Messages));
        var next = await LockAsync("a");
        Assert.Equal(["e2", "e3"], Names(next.Messages));
        await Store.CompleteOrchestrationAsync(next, CheckpointOf(next));
        Assert.Equal(["", "e1", "e2", "e3"], (await Store.GetHistoryAsync("a")).Select(e => e.EventType == EventType.EventRaised ? e.Name! : ""));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_ManyMessages_DeliveredInCommitOrder()
    {
        await ScheduleActivitiesAsync("a", 1);
        var names = Enumerable.Range(0, 20).Select(i => $"e{i:00}").ToList();
        foreach (var name in names.Take(10))
        {
            Assert.True(await Store.SendMessageAsync(EventMessage("a", name)));
        }

        var activity = Assert.Single(await Store.LockNextActivitiesAsync("w", Lease, 10));
        Assert.True(await Store.CompleteActivityAsync(activity, ActivityResult(activity)));
        foreach (var name in names.Skip(10))
        {
            Assert.True(await Store.SendMessageAsync(EventMessage("a", name)));
        }

        var item = await LockAsync("a");

        Assert.Equal(21, item.Messages.Count);
        Assert.Equal(item.Messages.Select(m => m.Sequence).Order(), item.Messages.Select(m => m.Sequence));
        Assert.Equal(21, item.Messages.Select(m => m.Sequence).Distinct().Count());
        Assert.Equal(EventType.TaskCompleted, item.Messages[10].Event.EventType);
        Assert.Equal(names, Names(item.Messages.Where(m => m.Event.EventType == EventType.EventRaised)));
    }
}
