using AgentFlows.Client;

namespace AgentFlows.Runtime.Tests;

public sealed class ContinueAsNewTests
{
    [Fact]
    public async Task ContinueAsNew_EternalCounter_HistoryStaysSmall()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples()
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                var doubled = await ctx.CallActivityAsync<int>("Double", n);
                if (n < 200)
                {
                    ctx.ContinueAsNew(n + 1);
                    return -1;
                }

                return doubled;
            }));
        var result = await rt.RunAsync("Counter", 0, "eternal");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(400, result.ReadOutputAs<int>());
        Assert.Equal(200, result.ReadInputAs<int>());
        var history = await rt.Client.GetOrchestrationHistoryAsync("eternal");
        Assert.InRange(history.Count, 4, 12);
    }

    [Fact]
    public async Task ContinueAsNew_PreserveUnprocessedEvents_EventReachesNextExecution()
    {
        await using var rt = await TestRuntime.StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Generations", async (ctx, generation) =>
            {
                if (generation == 0)
                {
                    // Generation 0 waits for "first" only; "second" arrives meanwhile and must carry over.
                    await ctx.WaitForExternalEvent<string>("first");
                    await ctx.CreateTimer(TimeSpan.Zero, CancellationToken.None);
                    ctx.ContinueAsNew(1);
                    return string.Empty;
                }

                return await ctx.WaitForExternalEvent<string>("second");
            }));
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("Generations", 0);
        await rt.Client.RaiseEventAsync(id, "second", "carried");
        await rt.Client.RaiseEventAsync(id, "first", "go");
        var result = await rt.WaitAsync(id);
        Assert.Equal("carried", result.ReadOutputAs<string>());
    }
}
