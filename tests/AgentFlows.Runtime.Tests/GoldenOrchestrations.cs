namespace AgentFlows.Runtime.Tests;

/// <summary>The orchestrators whose recorded histories are checked in under Histories/. Changing them breaks replay on purpose.</summary>
internal static class GoldenOrchestrations
{
    private static int _flakyCalls;

    public static DurableTaskRegistry AddGoldenOrchestrations(this DurableTaskRegistry r) => r
        .AddSamples()
        .AddActivityFunc<int, int>("FailsOnce", (ctx, x) => ctx.Attempt == 1 && Interlocked.Increment(ref _flakyCalls) > 0
            ? throw new InvalidOperationException("first attempt fails")
            : Task.FromResult(x * 10))
        .AddOrchestratorFunc<object?, int>("RetryFanOut", async (ctx, _) =>
        {
            var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(1)));
            var parts = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => ctx.CallActivityAsync<int>("FailsOnce", i, retry)));
            return parts.Sum() + await ctx.CallActivityAsync<int>("Double", 1);
        })
        .AddOrchestratorFunc<object?, string>("TimerAndEvent", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            var answer = await ctx.WaitForExternalEvent<string>("approve");
            return await ctx.CallActivityAsync<string>("SayHello", answer);
        });
}
