using AgentFlows.Agents.Llm.Tests.Fakes;
using AgentFlows.Agents.Planning;
using AgentFlows.Agents.Planning.Llm;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Llm.Tests.Planning;

/// <summary>The LLM planner and the planner choice, through the real gateway against the fake server.</summary>
public sealed class LlmPlannerTests : IAsyncLifetime
{
    private static readonly LlmPlanningContext _context = new("t1", null, "run-1");
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PlanAsync_ValidAnswer_ReturnsValidatedLlmPlan()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text(PlanAnswers.Arithmetic()));

        var routed = await Router(gateway).PlanAsync(PlanAnswers.ArithmeticPrompt, "auto", _context);

        Assert.Equal("llm", routed.Planner);
        Assert.Equal("an LLM is configured and its circuit breaker is not open", routed.Reason);
        Assert.Equal(["calculator", "calculator"], routed.Plan.Steps.Select(s => s.Tool));
        Assert.Equal("{steps.step_1.output} * 10", (string?)routed.Plan.Steps[1].Args["expression"]);
        Assert.Equal(["step_1"], routed.Plan.Steps[1].DependsOn);
    }

    [Fact]
    public async Task PlanAsync_Request_CarriesCatalogueSchemaAndPrompt()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text(PlanAnswers.Arithmetic()));

        await Router(gateway).PlanAsync(PlanAnswers.ArithmeticPrompt, "llm", _context);

        var request = Assert.Single(_server.Requests);
        var (role, system) = request.Messages[0];
        Assert.Equal("system", role);
        foreach (var tool in ToolRegistry.Default.All)
        {
            Assert.Contains($"- {tool.Name}: {tool.Description}", system, StringComparison.Ordinal);
        }

        Assert.Contains("arguments schema: {", system, StringComparison.Ordinal);
        Assert.Equal(3, system.Split("\nRequest: ").Length - 1);
        Assert.Equal(("user", PlanAnswers.ArithmeticPrompt), request.Messages[^1]);
        var format = request.Body["response_format"]!["json_schema"]!;
        Assert.Equal("agentflows_plan", (string?)format["name"]);
        Assert.True((bool)format["strict"]!);
        var tools = format["schema"]!["properties"]!["steps"]!["items"]!["properties"]!["tool"]!["enum"]!.AsArray();
        Assert.Equal(ToolRegistry.Default.All.Select(t => t.Name), tools.Select(t => (string?)t));
        Assert.Equal(0d, (double)request.Body["temperature"]!);
    }

    [Fact]
    public async Task PlanAsync_InvalidThenValid_RetriesOnceWithProblemsFedBack()
    {
        using var gateway = Gateway.Create(_server);
        var invalid = PlanAnswers.Of(("step_1", "calculater", """{"expression":"2 + 3"}""", []));
        _server.Enqueue(FakeReply.Text(invalid), FakeReply.Text(PlanAnswers.Arithmetic()));

        var routed = await Router(gateway).PlanAsync(PlanAnswers.ArithmeticPrompt, "auto", _context);

        Assert.Equal("llm", routed.Planner);
        Assert.EndsWith("its first plan was invalid and the corrected one passed validation", routed.Reason, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount);
        var retry = _server.Requests[1].Messages;
        Assert.Equal(4, retry.Count);
        Assert.Equal(("assistant", invalid), retry[2]);
        Assert.Equal("user", retry[3].Role);
        Assert.Contains("The tool 'calculater' is not known", retry[3].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_AnswerNotJson_FeedsThatBack()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text("Sure! Here is a plan: add, then multiply."), FakeReply.Text(PlanAnswers.Arithmetic()));

        var routed = await Router(gateway).PlanAsync(PlanAnswers.ArithmeticPrompt, "auto", _context);

        Assert.Equal("llm", routed.Planner);
        Assert.Contains("The answer is not JSON", _server.Requests[1].Messages[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_InvalidTwice_FallsBackToPatternPlanner()
    {
        using var gateway = Gateway.Create(_server);
        _server.Default = _ => FakeReply.Text(PlanAnswers.Of(("step_1", "calculator", """{"formula":"2 + 2"}""", [])));

        var routed = await Router(gateway).PlanAsync("calculate 2 + 2", "auto", _context);

        Assert.Equal("pattern", routed.Planner);
        Assert.StartsWith("the LLM's plan was invalid twice (", routed.Reason, StringComparison.Ordinal);
        Assert.EndsWith("so the pattern planner planned", routed.Reason, StringComparison.Ordinal);
        Assert.Equal("2 + 2", (string?)Assert.Single(routed.Plan.Steps).Args["expression"]);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task PlanAsync_ServerDown_FallsBackToPatternPlanner()
    {
        using var gateway = Gateway.Create(_server, o => o.Endpoint = $"http://127.0.0.1:{PlanAnswers.ClosedPort()}/v1/");

        var routed = await Router(gateway).PlanAsync("calculate 2 + 2", "auto", _context);

        Assert.Equal("pattern", routed.Planner);
        Assert.Contains("the LLM planner failed (The LLM at 127.0.0.1:", routed.Reason, StringComparison.Ordinal);
        Assert.Contains("could not be reached", routed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_AutoWithBreakerOpen_UsesPatternPlannerWithoutCalling()
    {
        using var gateway = await WithOpenBreakerAsync();

        var routed = await Router(gateway).PlanAsync("calculate 2 + 2", "auto", _context);

        Assert.Equal("pattern", routed.Planner);
        Assert.Equal("the LLM's circuit breaker is open after recent failures, so the pattern planner planned", routed.Reason);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task PlanAsync_LlmRequestedWithBreakerOpen_FailsFastAndFallsBack()
    {
        using var gateway = await WithOpenBreakerAsync();

        var routed = await Router(gateway).PlanAsync("calculate 2 + 2", "llm", _context);

        Assert.Equal("pattern", routed.Planner);
        Assert.Contains("circuit breaker is open", routed.Reason, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task PlanAsync_AutoAfterBreakDuration_TriesLlmAgain()
    {
        using var gateway = await WithOpenBreakerAsync();
        gateway.Time.Advance(TimeSpan.FromSeconds(30));
        _server.Enqueue(FakeReply.Text(PlanAnswers.Arithmetic()));

        var routed = await Router(gateway).PlanAsync(PlanAnswers.ArithmeticPrompt, "auto", _context);

        Assert.Equal("llm", routed.Planner);
        Assert.Equal("closed", gateway.Client.Breaker.StateName);
    }

    [Fact]
    public async Task PlanAsync_PatternRequested_DoesNotCallLlm()
    {
        using var gateway = Gateway.Create(_server);

        var routed = await Router(gateway).PlanAsync("calculate 2 + 2", "pattern", _context);

        Assert.Equal(("pattern", "the pattern planner was requested"), (routed.Planner, routed.Reason));
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task PlanAsync_BudgetSpent_FallsBackToPatternPlanner()
    {
        using var gateway = Gateway.Create(_server, o => o.Budget.MaxTokensPerRun = 100);

        var routed = await Router(gateway).PlanAsync("calculate 2 + 2", "auto", _context);

        Assert.Equal("pattern", routed.Planner);
        Assert.Contains("budget of run 'run-1'", routed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task PlanAsync_NeitherPlannerCanPlan_ThrowsNamingBoth()
    {
        using var gateway = Gateway.Create(_server, o => o.Endpoint = $"http://127.0.0.1:{PlanAnswers.ClosedPort()}/v1/");

        var error = await Assert.ThrowsAsync<PlanningException>(() => Router(gateway).PlanAsync("frobnicate the widgets", "auto", _context));

        Assert.Contains("the LLM planner failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_NoLlm_AutoUsesPatternAndLlmIsRefused()
    {
        var router = new PlannerRouter(false, ToolRegistry.Default);

        var routed = await router.PlanAsync("calculate 1 + 1", null, _context);
        var refused = await Assert.ThrowsAsync<PlanningException>(() => router.PlanAsync("calculate 1 + 1", "llm", _context));
        var unknown = await Assert.ThrowsAsync<PlanningException>(() => router.PlanAsync("calculate 1 + 1", "oracle", _context));

        Assert.Equal(("pattern", "no LLM is configured, so the pattern planner planned"), (routed.Planner, routed.Reason));
        Assert.Contains("no LLM is configured", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown planner 'oracle'", unknown.Message, StringComparison.Ordinal);
    }

    private static PlannerRouter Router(Gateway gateway) =>
        new(true, ToolRegistry.Default, gateway.Chat, () => gateway.Client.Breaker.StateName);

    private async Task<Gateway> WithOpenBreakerAsync()
    {
        var gateway = Gateway.Create(_server, o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.BreakerMinimumThroughput = 2;
            o.Resilience.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        _server.Enqueue(FakeReply.Error(500), FakeReply.Error(500));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("1"));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("2"));
        Assert.Equal("open", gateway.Client.Breaker.StateName);
        return gateway;
    }
}
