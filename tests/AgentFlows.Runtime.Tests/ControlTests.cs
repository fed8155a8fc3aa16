using AgentFlows.Client;

namespace AgentFlows.Runtime.Tests;

public sealed class ControlTests
{
    [Fact]
    public async Task TerminateInstanceAsync_WaitingInstance_TerminatedWithReason()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("WaitForApproval");
        await rt.Client.WaitForInstanceStartAsync(id);
        await rt.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("no longer needed"));
        var result = await rt.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("no longer needed", result.ReadOutputAs<string>());
        await Assert.ThrowsAsync<OrchestrationStateException>(() => rt.Client.RaiseEventAsync(id, "Approval", "late"));
    }

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_TerminatesRunningChildren()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples()
            .AddOrchestratorFunc<object?, string>("ParentOfWaiter", (ctx, _) =>
                ctx.CallSubOrchestratorAsync<string>("WaitForApproval", null, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-c" })));
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("ParentOfWaiter", options: new StartOrchestrationOptions { InstanceId = "rp" });
        await WaitForStatusAsync(rt, "rp-c", OrchestrationRuntimeStatus.Running);
        await rt.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stop", Recursive: true));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await rt.WaitAsync(id)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await rt.WaitAsync("rp-c")).RuntimeStatus);
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventWhileSuspended_HeldUntilResumed()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("WaitForApproval");
        await rt.Client.WaitForInstanceStartAsync(id);
        await rt.Client.SuspendInstanceAsync(id, "maintenance");
        await WaitForStatusAsync(rt, id, OrchestrationRuntimeStatus.Suspended);
        await rt.Client.RaiseEventAsync(id, "Approval", "bob");

        // The event is durable but held: the instance stays suspended until resumed.
        await rt.Client.ResumeInstanceAsync(id, "done");
        var result = await rt.WaitAsync(id);
        Assert.Equal("approved by bob", result.ReadOutputAs<string>());
        var history = await rt.Client.GetOrchestrationHistoryAsync(id);
        var types = history.Select(e => e.EventType).ToList();
        Assert.True(types.IndexOf(History.EventType.ExecutionSuspended) < types.IndexOf(History.EventType.ExecutionResumed));
        Assert.True(types.IndexOf(History.EventType.ExecutionResumed) < types.IndexOf(History.EventType.EventRaised));
    }

    [Fact]
    public async Task RestartAsync_SameId_RunsAgainWithSameInput()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var first = await rt.RunAsync("FanOut", 3, "restart-me");
        var id = await rt.Client.RestartAsync("restart-me");
        Assert.Equal("restart-me", id);
        var second = await rt.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(first.ReadOutputAs<int>(), second.ReadOutputAs<int>());
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
    }

    [Fact]
    public async Task RestartAsync_NewId_StartsAnotherInstance()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        await rt.RunAsync("FanOut", 2, "orig");
        var id = await rt.Client.RestartAsync("orig", restartWithNewInstanceId: true);
        Assert.NotEqual("orig", id);
        Assert.Equal(6, (await rt.WaitAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task PurgeInstanceAsync_Terminal_RemovesInstanceAndHistory()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        await rt.RunAsync("Parent", 2, "purge-p");
        var result = await rt.Client.PurgeInstanceAsync("purge-p", new PurgeInstanceOptions(Recursive: true));
        Assert.Equal(2, result.PurgedInstanceCount);
        Assert.Null(await rt.Client.GetInstanceAsync("purge-p"));
        Assert.Null(await rt.Client.GetInstanceAsync("purge-p:child"));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => rt.Client.GetOrchestrationHistoryAsync("purge-p"));
    }

    [Fact]
    public async Task PurgeInstanceAsync_Running_RefusedAndKept()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("WaitForApproval");
        await rt.Client.WaitForInstanceStartAsync(id);
        await Assert.ThrowsAsync<OrchestrationStateException>(() => rt.Client.PurgeInstanceAsync(id));
        Assert.NotNull(await rt.Client.GetInstanceAsync(id));
    }

    internal static Task WaitForStatusAsync(TestRuntime rt, string id, OrchestrationRuntimeStatus status) =>
        WaitUntilAsync(rt, id, s => s == status);

    /// <summary>Polls until the instance exists with a status matching <paramref name="done"/> (bounded by a test timeout).</summary>
    internal static async Task WaitUntilAsync(TestRuntime rt, string id, Func<OrchestrationRuntimeStatus, bool> done)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await rt.Client.GetInstanceAsync(id))?.RuntimeStatus is not { } s || !done(s))
        {
            await Task.Delay(5, cts.Token);
        }
    }
}
