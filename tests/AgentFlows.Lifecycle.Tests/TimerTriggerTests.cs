using AgentFlows.Agents.Lifecycle;
using AgentFlows.Agents.Schedules;
using AgentFlows.Testing;

namespace AgentFlows.Lifecycle.Tests;

public sealed class TimerTriggerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("af-schedules-").FullName;

    [Fact]
    public async Task FireAsync_TwoHostsOneTick_StartsOneInstance()
    {
        var db = Path.Combine(_folder, "agentflows.db");
        var options = new LifecycleOptions { MinNewInteractions = 1000 };
        await using var a = await LifecycleHost.StartAsync(db, options);
        await using var b = await LifecycleHost.StartAsync(db, options);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 2, 59, 59, TimeSpan.Zero));
        var schedule = new ScheduleDefinition("finetune", "0 0 3 * * *", LifecycleNames.Orchestrator);
        var tick = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

        var results = await Task.WhenAll(
            new TimerTrigger(a.Client, time).FireAsync(schedule, tick),
            new TimerTrigger(b.Client, time).FireAsync(schedule, tick));

        Assert.All(results, r => Assert.Equal("schedule:finetune:20261122T030000Z", r.InstanceId));
        var instances = await a.Client.QueryInstancesAsync(new AgentFlows.Client.OrchestrationQuery { InstanceIdPrefix = TimerTrigger.Prefix("finetune") });
        Assert.Single(instances.Items);
        await a.WaitAsync(results[0].InstanceId);
        var history = await a.Client.GetOrchestrationHistoryAsync(results[0].InstanceId);
        Assert.Single(history, e => e.EventType == AgentFlows.History.EventType.ExecutionStarted);
        var info = await new TimerTrigger(a.Client, time).DescribeAsync(schedule);
        Assert.Equal(tick, info.LastOccurrence);
        Assert.Equal(tick, info.NextOccurrence);
        Assert.Equal("skipped", (await a.WaitAsync(results[0].InstanceId)).ReadOutputAs<LifecycleResult>()!.Outcome);
    }

    [Fact]
    public async Task RunAsync_FakeClockReachesTick_FiresThatTick()
    {
        var db = Path.Combine(_folder, "agentflows.db");
        await using var host = await LifecycleHost.StartAsync(db, new LifecycleOptions { MinNewInteractions = 1000 });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 2, 59, 0, TimeSpan.Zero));
        var fired = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var schedule = new ScheduleDefinition("finetune", "0 0 3 * * *", LifecycleNames.Orchestrator);
        var loop = new TimerTrigger(host.Client, time).RunAsync(schedule, (id, _) => fired.TrySetResult(id), stop.Token);

        for (var i = 0; i < 100_000 && !fired.Task.IsCompleted; i++)
        {
            if (time.GetUtcNow() < new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero))
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Yield();
        }

        Assert.Equal("schedule:finetune:20261122T030000Z", await fired.Task);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
        }
    }
}
