namespace AgentFlows.Host.Samples;

/// <summary>A built-in sample, the "HelloCities" of Durable Functions, so the management API can be tried at once.</summary>
internal static class SampleOrchestrations
{
    /// <summary>Registers HelloCities and its activity.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddSamples(this DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("SayHello", (_, city) => Task.FromResult($"Hello {city}!"))
        .AddOrchestratorFunc<string[]?, List<string>>("HelloCities", async (ctx, cities) =>
        {
            var greetings = new List<string>();
            foreach (var city in cities is { Length: > 0 } ? cities : ["Tokyo", "Seattle", "London"])
            {
                greetings.Add(await ctx.CallActivityAsync<string>("SayHello", city));
            }

            return greetings;
        });
}
