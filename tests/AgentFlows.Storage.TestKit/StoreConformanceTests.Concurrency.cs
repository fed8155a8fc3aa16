using System.Collections.Concurrent;
using AgentFlows.History;

namespace AgentFlows.Storage.TestKit;

/// <summary>Parallel workers and wake-ups.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task LockNextOrchestrationAsync_FourParallelWorkers_ConsumeEveryMessageOnceWithoutDoubleLocks()
    {
        const int Instances = 200;
        const int EventsPerInstance = 3;
        var ids = Enumerable.Range(0, Instances).Select(i => $"c-{i:000}").ToList();
        foreach (var id in ids)
        {
            await CreateAsync(id);
            Assert.True(await Store.SendMessageAsync(EventMessage(id, "e0")));
        }

        var total = Instances * (EventsPerInstance + 1);
        var remaining = total;
        var consumed = new ConcurrentDictionary<(string Id, long Sequence), int>();
        var holders = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var doubleLocks = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        // Later events arrive while the workers run, so some land on locked instances.
        var producer = Task.Run(async () =>
        {
            for (var e = 1; e < EventsPerInstance; e++)
            {
                foreach (var id in ids)
                {
                    Assert.True(await Store.SendMessageAsync(EventMessage(id, $"e{e}")));
                }
            }
        });
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (Volatile.Read(ref remaining) > 0 && !deadline.IsCancellationRequested)
            {
                var item = await Store.LockNextOrchestrationAsync($"w{w}", Lease);
                if (item is null)
                {
                    await Task.Yield();
                    continue;
                }

                if (!holders.TryAdd(item.Instance.InstanceId, w))
                {
                    Interlocked.Increment(ref doubleLocks);
                }

                foreach (var m in item.Messages)
                {
                    consumed.AddOrUpdate((item.Instance.InstanceId, m.Sequence), 1, (_, n) => n + 1);
                }

                await Task.Yield();
                holders.TryRemove(item.Instance.InstanceId, out _);
                await Store.CompleteOrchestrationAsync(item, CheckpointOf(item));
                Interlocked.Add(ref remaining, -item.Messages.Count);
            }
        })).ToList();

        await Task.WhenAll([producer, .. workers]);

        Assert.False(deadline.IsCancellationRequested, $"Workers timed out with {remaining} message(s) left.");
        Assert.Equal(0, doubleLocks);
        Assert.Equal(0, remaining);
        Assert.Equal(total, consumed.Count);
        Assert.All(consumed, c => Assert.Equal(1, c.Value));
        foreach (var id in ids)
        {
            var history = await Store.GetHistoryAsync(id);
            Assert.Equal(EventType.ExecutionStarted, history[0].EventType);
            Assert.Equal(["e0", "e1", "e2"], history.Skip(1).Select(e => e.Name ?? ""));
        }

        await AssertNothingLockableAsync();
    }

    [Fact]
    public async Task LockNextActivitiesAsync_ParallelWorkers_CompleteEveryActivityOnce()
    {
        await ScheduleActivitiesAsync("a", 300);
        var completed = new ConcurrentDictionary<long, int>();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (await Store.LockNextActivitiesAsync($"w{w}", Lease, 7) is { Count: > 0 } batch)
            {
                foreach (var activity in batch)
                {
                    completed.AddOrUpdate(activity.Sequence, 1, (_, n) => n + 1);
                    Assert.True(await Store.CompleteActivityAsync(activity, ActivityResult(activity)));
                }
            }
        })).ToList();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(300, completed.Count);
        Assert.All(completed, c => Assert.Equal(1, c.Value));
        var results = (await LockAsync("a")).Messages;
        Assert.Equal(Enumerable.Range(1, 300), results.Select(m => m.Event.TaskScheduledId!.Value).Order());
    }

    [Fact]
    public async Task WaitForWorkAsync_MessageSentFromAnotherTask_ReturnsPromptly()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        var wait = await StartIdleWaitAsync(WorkItemKind.Orchestration);

        await Task.Run(() => Store.SendMessageAsync(EventMessage("a", "wake")));

        await wait.WaitAsync(Prompt);
    }

    [Fact]
    public async Task WaitForWorkAsync_ActivityScheduledFromAnotherTask_ReturnsPromptly()
    {
        await CreateAsync("a");
        var item = await LockAsync("a");
        var wait = await StartIdleWaitAsync(WorkItemKind.Activity);

        await Task.Run(() => Store.CompleteOrchestrationAsync(item, CheckpointOf(item) with { ActivityMessages = [ActivityRequest("a", 1)] }));

        await wait.WaitAsync(Prompt);
    }

    [Fact]
    public async Task WaitForWorkAsync_MessageArrivedWhileLocked_ReturnsWhenCheckpointReleasesInstance()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "first")));
        var item = await LockAsync("a");
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "while-locked")));
        var wait = await StartIdleWaitAsync(WorkItemKind.Orchestration);

        await Task.Run(() => Store.CompleteOrchestrationAsync(item, CheckpointOf(item)));

        await wait.WaitAsync(Prompt);
        Assert.Equal(["while-locked"], Names((await LockAsync("a")).Messages));
    }

    [Fact]
    public async Task WaitForWorkAsync_NothingHappens_ReturnsWhenMaxWaitPasses()
    {
        var wait = Store.WaitForWorkAsync(WorkItemKind.Orchestration, TimeSpan.FromSeconds(30));
        Assert.False(wait.IsCompleted);

        Time.Advance(TimeSpan.FromSeconds(31));

        await wait.WaitAsync(Prompt);
    }

    [Fact]
    public async Task WaitForWorkAsync_TimerDue_ReturnsWhenFakeClockPassesVisibleAt()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 1, Now.AddSeconds(10))));
        var wait = await StartIdleWaitAsync(WorkItemKind.Orchestration);

        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(wait.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(5));

        await wait.WaitAsync(Prompt);
        Assert.Equal(1, Assert.Single((await LockAsync("a")).Messages).Event.TimerId);
    }

    [Fact]
    public async Task WaitForWorkAsync_SecondTimerAfterFirstFired_ReturnsWhenSecondIsDue()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 1, Now.AddSeconds(10))));
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 2, Now.AddSeconds(20))));
        var first = await StartIdleWaitAsync(WorkItemKind.Orchestration);
        Time.Advance(TimeSpan.FromSeconds(10));
        await first.WaitAsync(Prompt);
        Assert.Equal(1, Assert.Single(await RunEpisodeAsync("a")).Event.TimerId);

        var second = await StartIdleWaitAsync(WorkItemKind.Orchestration);
        Time.Advance(TimeSpan.FromSeconds(10));

        await second.WaitAsync(Prompt);
    }

    [Fact]
    public async Task WaitForWorkAsync_OrchestrationLeaseExpires_Returns()
    {
        await CreateAsync("a");
        var abandonedByDeadHost = await LockAsync("a");
        var wait = await StartIdleWaitAsync(WorkItemKind.Orchestration);

        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        await wait.WaitAsync(Prompt);
        Assert.Equal(abandonedByDeadHost.Messages.Select(m => m.Sequence), (await LockAsync("a")).Messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task WaitForWorkAsync_ActivityLeaseExpires_Returns()
    {
        await ScheduleActivitiesAsync("a", 1);
        var abandonedByDeadHost = Assert.Single(await Store.LockNextActivitiesAsync("dead", Lease, 10));
        var wait = await StartIdleWaitAsync(WorkItemKind.Activity);

        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        await wait.WaitAsync(Prompt);
        Assert.Equal(abandonedByDeadHost.Sequence, Assert.Single(await Store.LockNextActivitiesAsync("w", Lease, 10)).Sequence);
    }

    /// <summary>
    /// Starts a wait the way an idle dispatcher does: a wait that returns at once (a spurious wake-up, allowed by the
    /// contract) is simply repeated, a few times at most; the wait that is still pending is returned.
    /// </summary>
    /// <param name="kind">The kind of work.</param>
    /// <returns>The pending wait.</returns>
    protected async Task<Task> StartIdleWaitAsync(WorkItemKind kind)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wait = Store.WaitForWorkAsync(kind, TimeSpan.FromHours(1));
            if (!wait.IsCompleted)
            {
                return wait;
            }

            await wait;
        }

        Assert.Fail("WaitForWorkAsync keeps returning at once although there is no work.");
        throw new InvalidOperationException();
    }
}
