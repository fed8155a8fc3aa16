using AgentFlows.History;

namespace AgentFlows.Storage.TestKit;

/// <summary>What one checkpoint writes: history, produced messages, activities and sub-orchestrations, all at once.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task CompleteOrchestrationAsync_FullCheckpoint_WritesEverythingAtOnce()
    {
        await CreateWithStatusAsync("other", OrchestrationRuntimeStatus.Running);
        await CreateWithStatusAsync("child-running", OrchestrationRuntimeStatus.Running);
        await CreateWithStatusAsync("child-done", OrchestrationRuntimeStatus.Completed);
        await CreateAsync("parent");
        var item = await LockAsync("parent");
        var scheduled = new HistoryEvent { EventType = EventType.TaskScheduled, EventId = 0, Name = "TestActivity", Timestamp = Now };
        var checkpoint = CheckpointOf(item) with
        {
            NewHistory = [.. item.Messages.Select(m => m.Event), scheduled],
            ActivityMessages = [ActivityRequest("parent", 0), ActivityRequest("parent", 1, "Second")],
            OrchestratorMessages = [EventMessage("other", "ping"), EventMessage("ghost", "lost"), TimerMessage("parent", 2, Now.AddMinutes(5))],
            NewInstances =
            [
                new NewInstance(NewRecord("child-new", Now) with { ParentInstanceId = "parent" }, StartMessage("child-new")),
                new NewInstance(NewRecord("child-done", Now, "\"fresh\"") with { ParentInstanceId = "parent" }, StartMessage("child-done", "\"fresh\"")),
                new NewInstance(NewRecord("child-running", Now, "\"ignored\"") with { ParentInstanceId = "parent" }, StartMessage("child-running", "\"again\"")),
            ],
        };

        var version = await Store.CompleteOrchestrationAsync(item, checkpoint);

        Assert.Equal(1, version);
        Assert.Equal(checkpoint.NewHistory, await Store.GetHistoryAsync("parent"));
        var activities = await Store.LockNextActivitiesAsync("w", Lease, 10);
        Assert.Equal(checkpoint.ActivityMessages, activities.Select(a => a.Message));
        Assert.Null(await Store.GetInstanceAsync("ghost", includePayloads: false));

        var created = await Store.GetInstanceAsync("child-new", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, created!.Status);
        Assert.Equal("parent", created.ParentInstanceId);
        var reset = await Store.GetInstanceAsync("child-done", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, reset!.Status);
        Assert.Equal("\"fresh\"", reset.Input);
        Assert.Equal("parent", reset.ParentInstanceId);
        Assert.Empty(await Store.GetHistoryAsync("child-done"));
        var leftAlone = await Store.GetInstanceAsync("child-running", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Running, leftAlone!.Status);
        Assert.Equal("\"input\"", leftAlone.Input);
        Assert.Equal(1, leftAlone.Version);
        Assert.Single(await Store.GetHistoryAsync("child-running"));

        Assert.Equal(["ping"], Names((await LockAsync("other")).Messages));
        Assert.Equal("\"again\"", Assert.Single((await LockAsync("child-running")).Messages).Event.Input);
        Assert.Equal("\"fresh\"", Assert.Single((await LockAsync("child-done")).Messages).Event.Input);
        Assert.Equal(EventType.ExecutionStarted, Assert.Single((await LockAsync("child-new")).Messages).Event.EventType);
        await AssertNothingLockableAsync();
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, Assert.Single((await LockAsync("parent")).Messages).Event.TimerId);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_ReplaceHistory_ReplacesStoredHistory()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "e1")));
        await RunEpisodeAsync("a");
        Assert.Equal(2, (await Store.GetHistoryAsync("a")).Count);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "e2")));
        var item = await LockAsync("a");
        var fresh = new HistoryEvent { EventType = EventType.ExecutionStarted, Name = "TestOrchestrator", Input = "\"new-generation\"", ExecutionId = "exec-2", Timestamp = Now };

        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item) with
        {
            Instance = item.Instance with { ExecutionId = "exec-2", Input = "\"new-generation\"", Status = OrchestrationRuntimeStatus.Running },
            ReplaceHistory = true,
            NewHistory = [fresh],
        });

        Assert.Equal([fresh], await Store.GetHistoryAsync("a"));
        var row = await Store.GetInstanceAsync("a", includePayloads: true);
        Assert.Equal("exec-2", row!.ExecutionId);
        Assert.Equal("\"new-generation\"", row.Input);
        await AssertNothingLockableAsync();
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_EmptyNewHistory_KeepsHistoryAndConsumesMessages()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "ignored")));
        var item = await LockAsync("a");

        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item) with { NewHistory = [] });

        Assert.Single(await Store.GetHistoryAsync("a"));
        await AssertNothingLockableAsync();
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_MessagesToSelfAndNewChild_AreDelivered()
    {
        await CreateAsync("a");
        var item = await LockAsync("a");

        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item) with
        {
            OrchestratorMessages = [EventMessage("a", "to-self"), EventMessage("kid", "to-kid")],
            NewInstances = [new NewInstance(NewRecord("kid", Now), StartMessage("kid"))],
        });

        Assert.Equal(["to-self"], Names((await LockAsync("a")).Messages));
        var kid = await LockAsync("kid");
        Assert.Equal([EventType.ExecutionStarted, EventType.EventRaised], kid.Messages.Select(m => m.Event.EventType));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_SuspendedInstance_DeliversOnlyResumeThenHeldMessages()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Suspended);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "held-1")));
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "held-2")));

        await AssertNothingLockableAsync();
        Assert.True(await Store.SendMessageAsync(ControlMessage("a", EventType.ExecutionResumed)));
        var resume = await LockAsync("a");
        Assert.Equal([EventType.ExecutionResumed], resume.Messages.Select(m => m.Event.EventType));
        await Store.CompleteOrchestrationAsync(resume, CheckpointOf(resume, OrchestrationRuntimeStatus.Running));

        var held = await LockAsync("a");
        Assert.Equal(["held-1", "held-2"], Names(held.Messages));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_SuspendedInstance_DeliversTerminate()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Suspended);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "held")));
        Assert.True(await Store.SendMessageAsync(ControlMessage("a", EventType.ExecutionTerminated)));

        var item = await LockAsync("a");

        Assert.Equal([EventType.ExecutionTerminated], item.Messages.Select(m => m.Event.EventType));
        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item, OrchestrationRuntimeStatus.Terminated));
        Assert.Equal(["held"], Names((await LockAsync("a")).Messages));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_SuspendedByCheckpoint_HoldsMessagesThatArrivedWhileLocked()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        Assert.True(await Store.SendMessageAsync(ControlMessage("a", EventType.ExecutionSuspended)));
        var item = await LockAsync("a");
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "late")));

        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item, OrchestrationRuntimeStatus.Suspended));

        await AssertNothingLockableAsync();
        Assert.True(await Store.SendMessageAsync(ControlMessage("a", EventType.ExecutionResumed)));
        var resume = await LockAsync("a");
        Assert.Equal([EventType.ExecutionResumed], resume.Messages.Select(m => m.Event.EventType));
    }
}
