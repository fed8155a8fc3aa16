namespace AgentFlows.Runtime.Tests;

public sealed class BasicOrchestrationTests
{
    [Fact]
    public async Task RunAsync_ThreeSequentialActivities_CompletesWithTheirResultsInOrder()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var result = await rt.RunAsync("HelloCities");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], result.ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_ManyInstances_LeavesNoWaitEntriesBehind()
    {
        var changes = new Storage.InstanceChangeNotifier();
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples(), changes: changes);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await rt.RunAsync("HelloCities")).RuntimeStatus);
        }

        Assert.Equal(0, changes.WaitingCount);
    }

    [Fact]
    public async Task RunAsync_FanOutOfThousandActivities_JoinsAllResults()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var result = await rt.RunAsync("FanOut", 1000);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(1000 * 1001, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task RunAsync_SubOrchestration_ParentGetsChildOutput()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var result = await rt.RunAsync("Parent", 10, "p1");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(111, result.ReadOutputAs<int>());
        var child = await rt.Client.GetInstanceAsync("p1:child", true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal("p1", child.ParentInstanceId);
    }

    [Fact]
    public async Task RaiseEventAsync_EventBeforeWaiter_IsBufferedAndDelivered()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples()
            .AddOrchestratorFunc<object?, string>("LateWaiter", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("SayHello", "x");
                return await ctx.WaitForExternalEvent<string>("Go");
            }));
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("LateWaiter");
        await rt.Client.RaiseEventAsync(id, "go", "early bird");
        var result = await rt.WaitAsync(id);
        Assert.Equal("early bird", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_WaitingInstance_CompletesWithPayload()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("WaitForApproval");
        await rt.Client.WaitForInstanceStartAsync(id);
        await rt.Client.RaiseEventAsync(id, "Approval", "alice");
        Assert.Equal("approved by alice", (await rt.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutPasses_ThrowsTaskCanceledInOrchestrator()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var result = await rt.RunAsync("WaitWithTimeout", 0);
        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RunAsync_OrchestratorThrows_FailedWithDetails()
    {
        await using var rt = await TestRuntime.StartAsync(r => r
            .AddActivityFunc<int, int>("Boom", (_, _) => throw new InvalidOperationException("kaput"))
            .AddOrchestratorFunc<object?, int>("CallsBoom", (ctx, _) => ctx.CallActivityAsync<int>("Boom", 1)));
        var result = await rt.RunAsync("CallsBoom");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.Equal("System.InvalidOperationException", result.FailureDetails.InnerFailure!.ErrorType);
        Assert.Contains("kaput", result.FailureDetails.InnerFailure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewGuid_Replayed_SameValuesEveryEpisode()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples()
            .AddOrchestratorFunc<object?, List<Guid>>("Guids", async (ctx, _) =>
            {
                var first = ctx.NewGuid();
                await ctx.CallActivityAsync<string>("SayHello", first.ToString());
                var second = ctx.NewGuid();
                await ctx.CallActivityAsync<string>("SayHello", second.ToString());
                return [first, second, ctx.NewGuid()];
            }), configure: o => o.ExtendedSessionsEnabled = false);
        var result = await rt.RunAsync("Guids", instanceId: "guids");
        var guids = result.ReadOutputAs<List<Guid>>()!;
        Assert.Equal(3, guids.Distinct().Count());
        var history = await rt.Client.GetOrchestrationHistoryAsync("guids");
        var inputs = history.Where(e => e.EventType == History.EventType.TaskScheduled).Select(e => e.Input).ToList();
        Assert.Equal([$"\"{guids[0]}\"", $"\"{guids[1]}\""], inputs);
        Assert.All(guids, g => Assert.Equal(5, g.Version));
    }
}
