using System.Collections.Concurrent;
using AgentFlows.History;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>Several hosts on one database: exclusive locks, take-over after a lease, wake-ups across hosts.</summary>
public sealed partial class PostgreSqlStoreTests
{
    [Fact]
    public async Task TwoHosts_ParallelWorkers_NeverLockOneInstanceTwiceAndConsumeEveryMessageOnce()
    {
        const int Instances = 100;
        var hosts = new[] { await StartedHostAsync(), await StartedHostAsync() };
        var ids = Enumerable.Range(0, Instances).Select(i => $"i-{i:000}").ToList();
        foreach (var id in ids)
        {
            await CreateAsync(hosts[id.GetHashCode(StringComparison.Ordinal) & 1], id);
        }

        var total = Instances * 3;
        var remaining = total;
        var consumed = new ConcurrentDictionary<long, int>();
        var holders = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var doubleLocks = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        // Events arrive through both hosts while the workers run, so some land on instances locked by the other host.
        var producer = Task.Run(async () =>
        {
            foreach (var name in new[] { "e1", "e2" })
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    Assert.True(await hosts[i & 1].SendMessageAsync(Event(ids[i], name)));
                }
            }
        });
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var host = hosts[w & 1];
            while (Volatile.Read(ref remaining) > 0 && !deadline.IsCancellationRequested)
            {
                var item = await host.LockNextOrchestrationAsync($"w{w}", Lease);
                if (item is null)
                {
                    await Task.Yield();
                    continue;
                }

                if (!holders.TryAdd(item.Instance.InstanceId, $"w{w}"))
                {
                    Interlocked.Increment(ref doubleLocks);
                }

                foreach (var m in item.Messages)
                {
                    consumed.AddOrUpdate(m.Sequence, 1, (_, n) => n + 1);
                }

                await Task.Yield();
                holders.TryRemove(item.Instance.InstanceId, out _);
                await host.CompleteOrchestrationAsync(item, Applied(item));
                Interlocked.Add(ref remaining, -item.Messages.Count);
            }
        })).ToList();

        await Task.WhenAll([producer, .. workers]);

        Assert.False(deadline.IsCancellationRequested, $"Workers timed out with {remaining} message(s) left.");
        Assert.Equal(0, doubleLocks);
        Assert.Equal(total, consumed.Count);
        Assert.All(consumed, c => Assert.Equal(1, c.Value));
        foreach (var id in ids)
        {
            var history = await hosts[0].GetHistoryAsync(id);
            Assert.Equal([EventType.ExecutionStarted, EventType.EventRaised, EventType.EventRaised], history.Select(e => e.EventType));
            Assert.Equal(["e1", "e2"], history.Skip(1).Select(e => e.Name ?? ""));
        }
    }

    [Fact]
    public async Task TwoHosts_ParallelActivityWorkers_NeverLockOneAttemptTwiceAndRecordEachResultOnce()
    {
        const int Activities = 300;
        var hosts = new[] { await StartedHostAsync(), await StartedHostAsync() };
        await CreateAsync(hosts[0], "a");
        var item = await hosts[0].LockNextOrchestrationAsync("w", Lease);
        await hosts[0].CompleteOrchestrationAsync(item!, Applied(item!) with { ActivityMessages = [.. Enumerable.Range(1, Activities).Select(i => Activity("a", i))] });
        var holders = new ConcurrentDictionary<long, int>();
        var completed = new ConcurrentDictionary<long, int>();
        var doubleLocks = 0;

        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var host = hosts[w & 1];
            while (await host.LockNextActivitiesAsync($"w{w}", Lease, 7) is { Count: > 0 } batch)
            {
                foreach (var activity in batch)
                {
                    if (!holders.TryAdd(activity.Sequence, w))
                    {
                        Interlocked.Increment(ref doubleLocks);
                    }
                }

                await Task.Yield();
                foreach (var activity in batch)
                {
                    holders.TryRemove(activity.Sequence, out _);
                    Assert.True(await host.CompleteActivityAsync(activity, Completed(activity)));
                    completed.AddOrUpdate(activity.Sequence, 1, (_, n) => n + 1);
                }
            }
        })).ToList();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(0, doubleLocks);
        Assert.Equal(Activities, completed.Count);
        Assert.All(completed, c => Assert.Equal(1, c.Value));
        var results = await hosts[1].LockNextOrchestrationAsync("w", Lease);
        Assert.Equal(Enumerable.Range(1, Activities), results!.Messages.Select(m => m.Event.TaskScheduledId!.Value).Order());
    }

    [Fact]
    public async Task TwoHosts_CheckpointsMessagingEachOtherConcurrently_NeverDeadlockOrLoseAMessage()
    {
        const int Instances = 8;
        const int Tokens = 32;
        const int Hops = 12;
        var hosts = new[] { await StartedHostAsync(), await StartedHostAsync() };
        for (var i = 0; i < Instances; i++)
        {
            await CreateAsync(hosts[i & 1], $"r{i}");
        }

        // Tokens travel both ways round a ring, so neighbours' checkpoints lock each other's rows at the same time.
        for (var t = 0; t < Tokens; t++)
        {
            Assert.True(await hosts[t & 1].SendMessageAsync(Event($"r{t % Instances}", $"{(t & 1) * 2 - 1}:{Hops}")));
        }

        var arrived = 0;
        var failures = new ConcurrentQueue<Exception>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var host = hosts[w & 1];
            while (Volatile.Read(ref arrived) < Tokens && !deadline.IsCancellationRequested)
            {
                var item = await host.LockNextOrchestrationAsync($"w{w}", Lease);
                if (item is null)
                {
                    await Task.Yield();
                    continue;
                }

                var index = int.Parse(item.Instance.InstanceId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                var forwarded = new List<OrchestrationMessage>();
                var done = 0;
                foreach (var m in item.Messages.Where(m => m.Event.EventType == EventType.EventRaised))
                {
                    var parts = m.Event.Name!.Split(':');
                    var (direction, left) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                    if (left == 0)
                    {
                        done++;
                        continue;
                    }

                    forwarded.Add(Event($"r{(index + direction + Instances) % Instances}", $"{direction}:{left - 1}"));
                }

                try
                {
                    await host.CompleteOrchestrationAsync(item, Applied(item) with { OrchestratorMessages = forwarded });
                    Interlocked.Add(ref arrived, done);
                }
                catch (Exception ex) when (ex is Npgsql.NpgsqlException or LeaseLostException)
                {
                    failures.Enqueue(ex);
                    await host.AbandonOrchestrationAsync(item);
                }
            }
        })).ToList();

        await Task.WhenAll(workers);

        Assert.Empty(failures);
        Assert.False(deadline.IsCancellationRequested, $"Only {arrived} of {Tokens} tokens arrived.");
        Assert.Equal(Tokens, arrived);
    }

    [Fact]
    public async Task LeaseOfDeadHostExpires_OtherHostTakesOverAndDeadHostsCheckpointIsFenced()
    {
        var dead = await StartedHostAsync();
        var alive = await StartedHostAsync();
        await CreateAsync(dead, "a");
        var lost = await dead.LockNextOrchestrationAsync("dead", Lease);
        Assert.Null(await alive.LockNextOrchestrationAsync("alive", Lease));
        var wait = await IdleWaitAsync(alive, WorkItemKind.Orchestration);

        _time.Advance(Lease + TimeSpan.FromSeconds(1));

        await wait.WaitAsync(Prompt);
        var taken = await alive.LockNextOrchestrationAsync("alive", Lease);
        Assert.Equal(lost!.Messages.Select(m => m.Sequence), taken!.Messages.Select(m => m.Sequence));
        await Assert.ThrowsAsync<LeaseLostException>(() => dead.CompleteOrchestrationAsync(lost, Applied(lost) with { ActivityMessages = [Activity("a", 1)] }));
        Assert.Equal(1, await alive.CompleteOrchestrationAsync(taken, Applied(taken)));
        Assert.Empty(await alive.LockNextActivitiesAsync("alive", Lease, 10));
        Assert.Single(await alive.GetHistoryAsync("a"));
    }

    [Fact]
    public async Task WaitForWorkAsync_MessageSentByOtherHost_WakesPromptlyThroughNotification()
    {
        var sender = await StartedHostAsync();
        var receiver = await StartedHostAsync();
        await CreateAsync(sender, "a");
        var item = await sender.LockNextOrchestrationAsync("w", Lease);
        await sender.CompleteOrchestrationAsync(item!, Applied(item!));
        var wait = await IdleWaitAsync(receiver, WorkItemKind.Orchestration);

        Assert.True(await sender.SendMessageAsync(Event("a", "wake")));

        await wait.WaitAsync(Prompt);
        Assert.Equal(["wake"], (await receiver.LockNextOrchestrationAsync("w", Lease))!.Messages.Select(m => m.Event.Name));
    }

    [Fact]
    public async Task WaitForWorkAsync_ActivityScheduledByOtherHost_WakesPromptlyThroughNotification()
    {
        var sender = await StartedHostAsync();
        var receiver = await StartedHostAsync();
        await CreateAsync(sender, "a");
        var item = await sender.LockNextOrchestrationAsync("w", Lease);
        var wait = await IdleWaitAsync(receiver, WorkItemKind.Activity);

        await sender.CompleteOrchestrationAsync(item!, Applied(item!) with { ActivityMessages = [Activity("a", 1)] });

        await wait.WaitAsync(Prompt);
        Assert.Single(await receiver.LockNextActivitiesAsync("w", Lease, 10));
    }

    [Fact]
    public async Task WaitForWorkAsync_TimerCreatedByOtherHostDuringWait_WakesWhenTimerIsDue()
    {
        var sender = await StartedHostAsync();
        var receiver = await StartedHostAsync();
        await CreateAsync(sender, "a");
        var item = await sender.LockNextOrchestrationAsync("w", Lease);
        await sender.CompleteOrchestrationAsync(item!, Applied(item!));
        var wait = await IdleWaitAsync(receiver, WorkItemKind.Orchestration);
        var noticed = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.RemoteNotificationHandled = (_, visibleAt) => noticed.TrySetResult(visibleAt);
        var fireAt = Now.AddSeconds(10);

        Assert.True(await sender.SendMessageAsync(Event("a", "timer", fireAt)));

        Assert.Equal(fireAt, await noticed.Task.WaitAsync(Prompt));
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await wait.WaitAsync(Prompt);
        Assert.Equal(["timer"], (await receiver.LockNextOrchestrationAsync("w", Lease))!.Messages.Select(m => m.Event.Name));
    }

    [Fact]
    public async Task WaitForWorkAsync_OwnNotificationEchoedByServer_IsIgnored()
    {
        var host = await StartedHostAsync();
        var echoes = 0;
        host.RemoteNotificationHandled = (_, _) => Interlocked.Increment(ref echoes);
        var other = await StartedHostAsync();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        other.RemoteNotificationHandled = (_, _) => seen.TrySetResult();

        await CreateAsync(host, "a");

        // The other host got the notification, so the server has delivered it to every listener by now.
        await seen.Task.WaitAsync(Prompt);
        Assert.Equal(0, Volatile.Read(ref echoes));
    }
}
