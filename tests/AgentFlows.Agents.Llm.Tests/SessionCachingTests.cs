using AgentFlows.Agents.Llm.Audit;
using AgentFlows.Agents.Llm.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Tests;

/// <summary>The session-scoped cache: counted in requests that reach the fake server, and in audit records.</summary>
public sealed class SessionCachingTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAIServer.StartAsync();
        _server.Default = r => FakeReply.Text($"answer {_server.RequestCount}", input: 40, output: 8);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_SameRequestSameSession_HitsCache()
    {
        using var gateway = Gateway.Create(_server);

        var first = await gateway.AskAsync("what is up?", Gateway.For("t1", "s1", "run-1"));
        var second = await gateway.AskAsync("what is up?", Gateway.For("t1", "s1", "run-1"));

        Assert.Equal(1, _server.RequestCount);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("hit", second.AdditionalProperties?["agentflows.cache"]);
        Assert.Equal(
            [LlmCacheDecisions.Miss, LlmCacheDecisions.Store, LlmCacheDecisions.Hit],
            gateway.Audit.Records.Select(r => r.Decision));
    }

    [Fact]
    public async Task GetResponseAsync_OtherSessionOrTenant_Misses()
    {
        using var gateway = Gateway.Create(_server);

        await gateway.AskAsync("same words", Gateway.For("t1", "s1"));
        await gateway.AskAsync("same words", Gateway.For("t1", "s2"));
        await gateway.AskAsync("same words", Gateway.For("t2", "s1"));

        Assert.Equal(3, _server.RequestCount);
        Assert.DoesNotContain(gateway.Audit.Records, r => r.Decision == LlmCacheDecisions.Hit);
    }

    [Fact]
    public async Task GetResponseAsync_DifferentOptions_Misses()
    {
        using var gateway = Gateway.Create(_server);
        var cold = Gateway.For("t1", "s1");
        var warm = Gateway.For("t1", "s1");
        warm.Temperature = 0.9f;

        await gateway.AskAsync("same words", cold);
        await gateway.AskAsync("same words", warm);

        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_NoSession_BypassesCache()
    {
        using var gateway = Gateway.Create(_server);

        await gateway.AskAsync("same words", Gateway.For("t1"));
        await gateway.AskAsync("same words", Gateway.For("t1"));

        Assert.Equal(2, _server.RequestCount);
        Assert.All(gateway.Audit.Records, r => Assert.Equal(LlmCacheDecisions.Bypass, r.Decision));
        Assert.Equal(0, gateway.Client.Cache.Count);
    }

    [Fact]
    public async Task ResetSessionAsync_DisposesOnlyThatSession()
    {
        using var gateway = Gateway.Create(_server);
        await gateway.AskAsync("q", Gateway.For("t1", "s1"));
        await gateway.AskAsync("q", Gateway.For("t1", "s2"));

        var removed = await gateway.Client.Cache.ResetSessionAsync("t1", "s1");
        await gateway.AskAsync("q", Gateway.For("t1", "s1"));
        await gateway.AskAsync("q", Gateway.For("t1", "s2"));

        Assert.Equal(1, removed);
        Assert.Equal(3, _server.RequestCount);
        var reset = Assert.Single(gateway.Audit.Records, r => r.Decision == LlmCacheDecisions.Reset);
        Assert.Equal(("t1", "s1", "1 entries disposed"), (reset.Tenant, reset.SessionId, reset.Reason));
        Assert.Equal(LlmCacheDecisions.Hit, gateway.Audit.Records[^1].Decision);
    }

    [Fact]
    public async Task GetResponseAsync_SessionFull_EvictsFewestHitsThenOldest()
    {
        using var gateway = Gateway.Create(_server, o => o.Cache.MaxEntriesPerSession = 2);
        var session = Gateway.For("t1", "s1");
        await gateway.AskAsync("a", session);
        await gateway.AskAsync("b", session);
        await gateway.AskAsync("a", session);

        await gateway.AskAsync("c", session);

        var evicted = Assert.Single(gateway.Audit.Records, r => r.Decision == LlmCacheDecisions.Evict);
        Assert.Equal("session-full (0 hits)", evicted.Reason);
        var requests = _server.RequestCount;
        await gateway.AskAsync("a", session);
        Assert.Equal(requests, _server.RequestCount);
        await gateway.AskAsync("b", session);
        Assert.Equal(requests + 1, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_CacheFull_EvictsAcrossSessions()
    {
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Cache.MaxEntries = 2;
            o.Cache.MaxEntriesPerSession = 2;
        });
        await gateway.AskAsync("old", Gateway.For("t1", "s1"));
        await gateway.AskAsync("kept", Gateway.For("t2", "s9"));
        await gateway.AskAsync("kept", Gateway.For("t2", "s9"));

        await gateway.AskAsync("new", Gateway.For("t3", "s3"));

        var evicted = Assert.Single(gateway.Audit.Records, r => r.Decision == LlmCacheDecisions.Evict);
        Assert.Equal(("t1", "s1", "cache-full (0 hits)"), (evicted.Tenant, evicted.SessionId, evicted.Reason));
        Assert.Equal(2, gateway.Client.Cache.Count);
    }

    [Fact]
    public async Task GetResponseAsync_AfterTtl_MissesAndRecordsEviction()
    {
        using var gateway = Gateway.Create(_server, o => o.Cache.Ttl = TimeSpan.FromMinutes(10));
        await gateway.AskAsync("q", Gateway.For("t1", "s1"));
        gateway.Time.Advance(TimeSpan.FromMinutes(9));
        await gateway.AskAsync("q", Gateway.For("t1", "s1"));
        Assert.Equal(1, _server.RequestCount);

        gateway.Time.Advance(TimeSpan.FromMinutes(2));
        await gateway.AskAsync("q", Gateway.For("t1", "s1"));

        Assert.Equal(2, _server.RequestCount);
        Assert.Contains(gateway.Audit.Records, r => r.Decision == LlmCacheDecisions.Evict && r.Reason!.StartsWith("ttl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PurgeExpiredAsync_DropsExpiredEverywhere()
    {
        using var gateway = Gateway.Create(_server, o => o.Cache.Ttl = TimeSpan.FromMinutes(10));
        await gateway.AskAsync("q", Gateway.For("t1", "s1"));
        await gateway.AskAsync("q", Gateway.For("t2", "s2"));

        gateway.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(2, await gateway.Client.Cache.PurgeExpiredAsync());
        Assert.Equal(0, gateway.Client.Cache.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SecondStreamInSession_ReplayedFromCache()
    {
        using var gateway = Gateway.Create(_server);
        _server.Default = _ => FakeReply.Text("a streamed answer");

        var first = await StreamAsync(gateway, Gateway.For("t1", "s1"));
        var second = await StreamAsync(gateway, Gateway.For("t1", "s1"));

        Assert.Equal("a streamed answer", first);
        Assert.Equal(first, second);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task Audit_CallRecord_CarriesPromptResponseModelTokensAndLatency()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text("forty-two", input: 50, output: 3, cached: 32));

        await gateway.Chat.GetResponseAsync([new ChatMessage(ChatRole.System, "be exact"), new ChatMessage(ChatRole.User, "answer?")], Gateway.For("t1", "s1", "run-7"));
        await gateway.AskAsync("other", Gateway.For("t1", "s1", "run-8"));

        var call = gateway.Audit.ForRun("run-7")[0];
        Assert.Equal(LlmCacheDecisions.Miss, call.Decision);
        Assert.Equal("system: be exact\nuser: answer?", call.Prompt);
        Assert.Equal("forty-two", call.Response);
        Assert.Equal("gpt-test", call.Model);
        Assert.Equal((50L, 32L, 3L), (call.InputTokens!.Value, call.CachedInputTokens!.Value, call.OutputTokens!.Value));
        Assert.NotNull(call.LatencyMs);
        Assert.NotNull(call.RequestHash);
        Assert.All(gateway.Audit.ForRun("run-8"), r => Assert.Equal("run-8", r.RunId));
    }

    [Fact]
    public async Task Audit_FailedCall_RecordsError()
    {
        using var gateway = Gateway.Create(_server, o => o.Resilience.MaxRetryAttempts = 0);
        _server.Enqueue(FakeReply.Error(500));

        await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("q", Gateway.For("t1", "s1")));

        var record = Assert.Single(gateway.Audit.Records);
        Assert.Equal(LlmCacheDecisions.Miss, record.Decision);
        Assert.Contains("HTTP 500", record.Error, StringComparison.Ordinal);
        Assert.Equal(0, gateway.Client.Cache.Count);
    }

    private static async Task<string> StreamAsync(Gateway gateway, ChatOptions options)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in gateway.Chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "stream it")], options))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse().Text;
    }
}
