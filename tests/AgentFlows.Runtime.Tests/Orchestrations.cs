namespace AgentFlows.Runtime.Tests;

/// <summary>Orchestrators and activities shared by the engine tests.</summary>
internal static class Orchestrations
{
    public static DurableTaskRegistry AddSamples(this DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("SayHello", (_, name) => Task.FromResult($"Hello {name}!"))
        .AddActivityFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2))
        .AddOrchestratorFunc<object?, List<string>>("HelloCities", async (ctx, _) =>
        [
            await ctx.CallActivityAsync<string>("SayHello", "Tokyo"),
            await ctx.CallActivityAsync<string>("SayHello", "Seattle"),
            await ctx.CallActivityAsync<string>("SayHello", "London"),
        ])
        .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
        {
            var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Double", i)).ToList();
            var results = await Task.WhenAll(tasks);
            return results.Sum();
        })
        .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
        {
            var a = await ctx.CallSubOrchestratorAsync<int>("FanOut", n, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + ":child" });
            return a + 1;
        })
        .AddOrchestratorFunc<object?, string>("WaitForApproval", async (ctx, _) =>
        {
            var approval = await ctx.WaitForExternalEvent<string>("Approval");
            return "approved by " + approval;
        })
        .AddOrchestratorFunc<int, string>("WaitWithTimeout", async (ctx, seconds) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Approval", TimeSpan.FromSeconds(seconds));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });
}
