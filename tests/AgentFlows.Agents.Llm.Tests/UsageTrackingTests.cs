using AgentFlows.Agents.Llm.Tests.Fakes;
using AgentFlows.Agents.Llm.Usage;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Tests;

/// <summary>Tokens, cost and budgets per run and tenant.</summary>
public sealed class UsageTrackingTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_WithPriceTable_RecordsTokensAndCostPerRunAndTenant()
    {
        using var gateway = Gateway.Create(_server, o => o.Prices["gpt-test"] = new LlmPrice { InputPerMillion = 1m, CachedInputPerMillion = 0.5m, OutputPerMillion = 2m });
        _server.Enqueue(FakeReply.Text("one", input: 100, output: 20, cached: 40), FakeReply.Text("two", input: 10, output: 10));

        var response = await gateway.AskAsync("first", Gateway.For("t1", run: "run-1"));
        await gateway.AskAsync("second", Gateway.For("t1", run: "run-2"));

        // (60 × 1 + 40 × 0.5 + 20 × 2) / 1e6
        Assert.Equal(0.00012m, response.AdditionalProperties?[UsageTrackingChatClient.CostProperty]);
        Assert.Equal(new LlmUsage(1, 100, 40, 20, 0.00012m), gateway.Client.Usage.ForRun("run-1"));
        var tenant = gateway.Client.Usage.ForTenant("t1");
        Assert.Equal((2L, 110L, 30L, 140L), (tenant.Calls, tenant.InputTokens, tenant.OutputTokens, tenant.TotalTokens));
        Assert.Equal(LlmUsage.None, gateway.Client.Usage.ForTenant("t2"));
    }

    [Fact]
    public async Task GetResponseAsync_DatedModelName_PricedByPrefix()
    {
        using var gateway = Gateway.Create(_server, o => o.Prices["gpt-te"] = new LlmPrice { OutputPerMillion = 1_000_000m });
        _server.Default = _ => FakeReply.Text("x", input: 0, output: 2);

        await gateway.AskAsync("q", Gateway.For("t1", run: "r"));

        Assert.Equal(2m, gateway.Client.Usage.ForRun("r").CostUsd);
    }

    [Fact]
    public async Task GetResponseAsync_RunOverTokenBudget_ThrowsAndDoesNotCall()
    {
        using var gateway = Gateway.Create(_server, o => o.Budget.MaxTokensPerRun = 100);
        _server.Enqueue(FakeReply.Text("big", input: 90, output: 30));
        await gateway.AskAsync("first", Gateway.For("t1", run: "run-1"));

        var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => gateway.AskAsync("second", Gateway.For("t1", run: "run-1")));

        Assert.Equal(("run", "run-1", "tokens", 100m, 120m), (error.Scope, error.Subject, error.Unit, error.Limit, error.Used));
        Assert.Equal(1, _server.RequestCount);
        await gateway.AskAsync("another run", Gateway.For("t1", run: "run-2"));
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_EstimateOverBudget_ThrowsBeforeFirstCall()
    {
        using var gateway = Gateway.Create(_server, o => o.Budget.MaxTokensPerRun = 500);
        var options = Gateway.For("t1", run: "run-1");
        options.MaxOutputTokens = 1000;

        await Assert.ThrowsAsync<LlmBudgetExceededException>(() => gateway.AskAsync("q", options));

        Assert.Equal(0, _server.RequestCount);
        Assert.Equal(LlmUsage.None, gateway.Client.Usage.ForRun("run-1"));
    }

    [Fact]
    public async Task GetResponseAsync_TenantOverBudget_ThrowsUntilWindowPasses()
    {
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Budget.MaxTokensPerTenant = 50;
            o.Budget.TenantWindow = TimeSpan.FromHours(1);
        });
        _server.Default = _ => FakeReply.Text("x", input: 40, output: 20);
        await gateway.AskAsync("q", Gateway.For("t1", run: "r1"));

        var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => gateway.AskAsync("q", Gateway.For("t1", run: "r2")));
        await gateway.AskAsync("q", Gateway.For("t2", run: "r3"));
        gateway.Time.Advance(TimeSpan.FromHours(1));
        await gateway.AskAsync("q", Gateway.For("t1", run: "r4"));

        Assert.Equal(("tenant", "t1"), (error.Scope, error.Subject));
        Assert.Equal(3, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_RunOverCostBudget_Throws()
    {
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Prices["gpt-test"] = new LlmPrice { InputPerMillion = 10_000m, OutputPerMillion = 10_000m };
            o.Budget.MaxCostPerRunUsd = 1m;
        });
        _server.Default = _ => FakeReply.Text("x", input: 80, output: 40);
        await gateway.AskAsync("q", Gateway.For("t1", run: "r1"));

        var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => gateway.AskAsync("q", Gateway.For("t1", run: "r1")));

        Assert.Equal("USD", error.Unit);
        Assert.Equal(1.2m, error.Used);
    }

    [Fact]
    public async Task GetResponseAsync_CacheHitAfterBudgetSpent_IsStillServed()
    {
        using var gateway = Gateway.Create(_server, o => o.Budget.MaxTokensPerRun = 100);
        _server.Enqueue(FakeReply.Text("cached", input: 90, output: 30));
        await gateway.AskAsync("q", Gateway.For("t1", "s1", "run-1"));

        var again = await gateway.AskAsync("q", Gateway.For("t1", "s1", "run-1"));

        Assert.Equal("cached", again.Text);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Usage_RecordedFromFinalChunk()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text("streamed", input: 33, output: 11));

        await foreach (var update in gateway.Chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], Gateway.For("t1", run: "run-s")))
        {
            Assert.NotNull(update);
        }

        Assert.Equal(new LlmUsage(1, 33, 0, 11, 0m), gateway.Client.Usage.ForRun("run-s"));
    }

    [Fact]
    public async Task GetResponseAsync_FailedCall_ReleasesReservation()
    {
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Budget.MaxTokensPerRun = 1000;
            o.Resilience.MaxRetryAttempts = 0;
        });
        _server.Enqueue(FakeReply.Error(500));
        var options = Gateway.For("t1", run: "r1");
        options.MaxOutputTokens = 900;
        await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("q", options));

        var response = await gateway.AskAsync("q", options);

        Assert.Equal("ok", response.Text);
        Assert.Equal(1, gateway.Client.Usage.ForRun("r1").Calls);
    }
}
