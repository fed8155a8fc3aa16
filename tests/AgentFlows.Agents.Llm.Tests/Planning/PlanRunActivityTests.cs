using AgentFlows.Agents.Llm.Audit;
using AgentFlows.Agents.Llm.Tests.Fakes;
using AgentFlows.Agents.Planning;
using AgentFlows.Agents.Planning.Llm;
using AgentFlows.Agents.Runs;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Llm.Tests.Planning;

/// <summary>The planning activity with the LLM planner wired in, and its static entry points for the run API.</summary>
public sealed class PlanRunActivityTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RunAsync_WithChatClient_PlansWithLlmForTheRunAndTenant()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text(PlanAnswers.Arithmetic()));
        var activity = new PlanRunActivity(true, ToolRegistry.Default, gateway.Chat, () => gateway.Client.Breaker.StateName);

        var outcome = await activity.RunAsync(new TaskActivityContext("agent.plan", "run-42", 1, 1, CancellationToken.None), new PlanInput(PlanAnswers.ArithmeticPrompt, null, "t1"));

        Assert.Equal("llm", outcome.Planner);
        Assert.Equal(2, outcome.Plan.Steps.Count);
        var call = Assert.Single(gateway.Audit.ForRun("run-42"));
        Assert.Equal((LlmCacheDecisions.Bypass, "t1"), (call.Decision, call.Tenant));
        Assert.Equal(1, gateway.Client.Usage.ForRun("run-42").Calls);
    }

    [Fact]
    public async Task RunAsync_WithoutChatClient_PlansWithPattern()
    {
        var activity = new PlanRunActivity(false, ToolRegistry.Default);

        var outcome = await activity.RunAsync(new TaskActivityContext("agent.plan", "run-1", 1, 1, CancellationToken.None), new PlanInput("calculate 1 + 2", "auto", null));

        Assert.Equal(("pattern", "no LLM is configured, so the pattern planner planned"), (outcome.Planner, outcome.Reason));
    }

    [Fact]
    public void LlmPlanningContext_Keys_AreTheGatewaysKeys()
    {
        Assert.Equal(LlmCallContext.TenantKey, LlmPlanningContext.TenantKey);
        Assert.Equal(LlmCallContext.SessionKey, LlmPlanningContext.SessionKey);
        Assert.Equal(LlmCallContext.RunKey, LlmPlanningContext.RunKey);
        var options = new LlmPlanningContext("t9", "s9", "r9").ApplyTo(new Microsoft.Extensions.AI.ChatOptions());
        Assert.Equal(new LlmCallContext("t9", "s9", "r9"), LlmCallContext.From(options));
    }

    [Theory]
    [InlineData("auto", true, true)]
    [InlineData(null, true, true)]
    [InlineData("llm", true, true)]
    [InlineData("pattern", true, false)]
    [InlineData("auto", false, false)]
    [InlineData("PATTERN", false, false)]
    public void PlansInActivity_PlannerAndLlm_TellsWhetherActivityPlans(string? planner, bool llmConfigured, bool expected) =>
        Assert.Equal(expected, PlanRunActivity.PlansInActivity(planner, llmConfigured));

    [Fact]
    public void PlansInActivity_LlmWithoutLlm_Throws() =>
        Assert.Throws<PlanningException>(() => PlanRunActivity.PlansInActivity("llm", false));

    [Fact]
    public void Plan_PatternUpFront_StillPlansSynchronously()
    {
        var outcome = PlanRunActivity.Plan("calculate 2 * 3", "pattern", true, ToolRegistry.Default);

        Assert.Equal(("pattern", "the pattern planner was requested"), (outcome.Planner, outcome.Reason));
    }

    [Fact]
    public void Plan_WhenLlmMayPlan_RefusesToPlanUpFront() =>
        Assert.Throws<InvalidOperationException>(() => PlanRunActivity.Plan("calculate 2 * 3", "auto", true, ToolRegistry.Default));
}
