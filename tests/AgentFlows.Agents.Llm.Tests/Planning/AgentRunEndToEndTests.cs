using AgentFlows.Agents.Llm.Tests.Fakes;
using AgentFlows.Agents.Planning.Llm;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using AgentFlows.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentFlows.Agents.Llm.Tests.Planning;

/// <summary>
/// A run whose plan comes from the LLM planner, executed by the durable runtime end to end: the gateway is
/// registered as the host would register it (IChatClient plus LlmAvailability) and AddAgentRuns picks it up.
/// </summary>
public sealed class AgentRunEndToEndTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AgentRun_PromptOnly_LlmPlansAndStepsRun()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text(PlanAnswers.Arithmetic()));
        await using var services = new ServiceCollection()
            .AddSingleton(gateway.Chat)
            .AddSingleton(new LlmAvailability(() => gateway.Client.Breaker.StateName))
            .AddInMemoryOrchestrationStore()
            .AddAgentFlowsRuntime(r => r.AddAgentRuns())
            .BuildServiceProvider();
        var workers = services.GetServices<IHostedService>().ToList();
        foreach (var worker in workers)
        {
            await worker.StartAsync(CancellationToken.None);
        }

        try
        {
            var client = services.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(
                RunNames.Orchestrator,
                new RunRequest { Prompt = PlanAnswers.ArithmeticPrompt, Planner = "auto", Tenant = "t1" },
                new StartOrchestrationOptions { InstanceId = "run-e2e" });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var done = await client.WaitForInstanceCompletionAsync(id, true, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal(50d, done.ReadOutputAs<RunResult>()!.Result!.GetValue<double>());
            Assert.Equal(1, _server.RequestCount);
            Assert.Contains(gateway.Audit.Records, r => r.RunId == "run-e2e" && r.Tenant == "t1");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(CancellationToken.None);
            }
        }
    }
}
