using AgentFlows.History;
using AgentFlows.Testing;

namespace AgentFlows.Runtime.Tests;

public sealed class RetryAndRewindTests
{
    private static readonly RetryPolicy _threeAttempts = new(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2.0);

    [Fact]
    public async Task CallActivityAsync_RetryPolicy_WaitsDurableBackoffOnFakeClock()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        await using var rt = await TestRuntime.StartAsync(r => r
            .AddActivityFunc<int, int>("Flaky", (_, x) => ++attempts < 3 ? throw new InvalidOperationException("try again") : Task.FromResult(x))
            .AddOrchestratorFunc<object?, int>("Retrying", (ctx, _) => ctx.CallActivityAsync<int>("Flaky", 7, TaskOptions.FromRetryPolicy(_threeAttempts))),
            time: time, configure: LongLeases);
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("Retrying");
        var result = await DriveAsync(rt, time, id);

        Assert.Equal(7, result.ReadOutputAs<int>());
        Assert.Equal(3, attempts);
        var history = await rt.Client.GetOrchestrationHistoryAsync(id);
        var waits = history.Where(e => e.EventType == EventType.TimerCreated).Select(e => e.FireAt!.Value - e.Timestamp).ToList();
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], waits);
        Assert.All(history.Where(e => e.EventType == EventType.TaskScheduled), e => Assert.Equal(0, e.EventId));
    }

    [Fact]
    public async Task CallActivityAsync_NonRetriableFailure_FailsWithoutRetrying()
    {
        var attempts = 0;
        await using var rt = await TestRuntime.StartAsync(r => r
            .AddActivityFunc<int, int>("Missing", (_, _) => { attempts++; throw new NonRetriableException("todo 42 does not exist"); })
            .AddOrchestratorFunc<object?, int>("CallsMissing", (ctx, _) => ctx.CallActivityAsync<int>("Missing", 1, TaskOptions.FromRetryPolicy(_threeAttempts))));
        var result = await rt.RunAsync("CallsMissing");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(1, attempts);
        Assert.True(result.FailureDetails!.IsNonRetriable);
    }

    [Fact]
    public async Task RewindInstanceAsync_FailedCallWithRetryPolicy_ReRunsOnlyTheFailedCall()
    {
        var time = new FakeTimeProvider();
        var broken = true;
        var okRuns = 0;
        var flakyRuns = 0;
        await using var rt = await TestRuntime.StartAsync(r => r
            .AddActivityFunc<int, int>("Ok", (_, x) => { Interlocked.Increment(ref okRuns); return Task.FromResult(x); })
            .AddActivityFunc<int, int>("Flaky", (_, x) => { Interlocked.Increment(ref flakyRuns); return broken ? throw new InvalidOperationException("down") : Task.FromResult(x); })
            .AddOrchestratorFunc<object?, int>("Mixed", async (ctx, _) =>
            {
                var a = ctx.CallActivityAsync<int>("Ok", 1);
                var b = ctx.CallActivityAsync<int>("Flaky", 2, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(1))));
                var c = await ctx.CallActivityAsync<int>("Ok", 3);
                return await a + await b + c;
            }),
            time: time, configure: LongLeases);
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("Mixed");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await DriveAsync(rt, time, id)).RuntimeStatus);
        Assert.Equal((2, 2), (okRuns, flakyRuns));

        var failedHistory = await rt.Client.GetOrchestrationHistoryAsync(id);
        broken = false;
        await rt.Client.RewindInstanceAsync(id, "fixed the dependency");
        await ControlTests.WaitUntilAsync(rt, id, s => s != OrchestrationRuntimeStatus.Failed);
        var result = await DriveAsync(rt, time, id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(6, result.ReadOutputAs<int>());
        Assert.Equal((2, 3), (okRuns, flakyRuns));

        // Rewound rows are neutralised in place: every earlier row keeps its position.
        var history = await rt.Client.GetOrchestrationHistoryAsync(id);
        Assert.True(history.Count > failedHistory.Count);
        for (var i = 0; i < failedHistory.Count; i++)
        {
            var expected = failedHistory[i].EventType is EventType.TaskFailed or EventType.ExecutionCompleted ||
                (failedHistory[i].EventType is EventType.TaskScheduled or EventType.TimerCreated or EventType.TimerFired && failedHistory[i].Name != "Ok" && (failedHistory[i].EventType == EventType.TaskScheduled || failedHistory[i].IsRetryTimer == true))
                ? EventType.GenericEvent
                : failedHistory[i].EventType;
            Assert.Equal(expected, history[i].EventType);
        }

        Assert.Contains(history, e => e.Reason == "Rewound: TaskFailed");
    }

    [Fact]
    public async Task RewindInstanceAsync_FailedSubOrchestration_RewindsChildRecursively()
    {
        var broken = true;
        await using var rt = await TestRuntime.StartAsync(r => r
            .AddActivityFunc<int, int>("Flaky", (_, x) => broken ? throw new InvalidOperationException("down") : Task.FromResult(x))
            .AddOrchestratorFunc<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("Flaky", x))
            .AddOrchestratorFunc<int, int>("Top", async (ctx, x) =>
                await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-child" }) + 1));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await rt.RunAsync("Top", 41, "top")).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await rt.Client.GetInstanceAsync("top-child"))!.RuntimeStatus);

        broken = false;
        await rt.Client.RewindInstanceAsync("top");
        await ControlTests.WaitUntilAsync(rt, "top", s => s != OrchestrationRuntimeStatus.Failed);
        var result = await rt.WaitAsync("top");
        Assert.Equal(42, result.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await rt.Client.GetInstanceAsync("top-child"))!.RuntimeStatus);
    }

    [Fact]
    public async Task RewindInstanceAsync_ActivityInFlightWhenInstanceFailed_ReRunsIt()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var broken = true;
        var slowRuns = 0;
        await using var rt = await TestRuntime.StartAsync(r => r
            .AddActivityFunc<int, int>("Slow", async (_, x) => { Interlocked.Increment(ref slowRuns); return await gate.Task + x; })
            .AddActivityFunc<int, int>("Breaks", (_, x) => broken ? throw new InvalidOperationException("down") : Task.FromResult(x))
            .AddOrchestratorFunc<object?, int>("FailsFast", async (ctx, _) =>
            {
                var slow = ctx.CallActivityAsync<int>("Slow", 1);
                var breaks = await ctx.CallActivityAsync<int>("Breaks", 2);
                return await slow + breaks;
            }));
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("FailsFast");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await rt.WaitAsync(id)).RuntimeStatus);

        // The slow activity's late result reaches a Failed instance and is dropped; rewind must run it again.
        gate.SetResult(0);
        broken = false;
        await rt.Client.RewindInstanceAsync(id);
        await ControlTests.WaitUntilAsync(rt, id, s => s != OrchestrationRuntimeStatus.Failed);
        var result = await rt.WaitAsync(id);
        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Equal(2, slowRuns);
    }

    [Fact]
    public async Task RewindInstanceAsync_NotFailed_Refused()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        await rt.RunAsync("FanOut", 1, "done");
        var ex = await Assert.ThrowsAsync<OrchestrationStateException>(() => rt.Client.RewindInstanceAsync("done"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ex.Status);
    }

    internal static void LongLeases(Hosting.DurableTaskWorkerOptions o)
    {
        o.OrchestrationLease = TimeSpan.FromHours(1);
        o.ActivityLease = TimeSpan.FromHours(1);
        o.ExtendedSessionIdleTimeout = TimeSpan.FromDays(1);
    }

    /// <summary>Moves the fake clock a second at a time until the instance is terminal.</summary>
    internal static async Task<Client.OrchestrationMetadata> DriveAsync(TestRuntime rt, FakeTimeProvider time, string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var m = await rt.Client.GetInstanceAsync(id, true, cts.Token);
            if (m!.IsCompleted)
            {
                return m;
            }

            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2, cts.Token);
        }
    }
}
