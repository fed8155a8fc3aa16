using System.Net;
using System.Net.Sockets;
using AgentFlows.Agents.Llm.Resilience;
using AgentFlows.Agents.Llm.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Tests;

/// <summary>The Polly pipeline in the SDK's transport: retries, Retry-After, timeouts and the breaker, on the fake clock.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        // A backoff of its own would be about 7 s: a 2 s wait can only come from Retry-After.
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Resilience.RetryBaseDelay = TimeSpan.FromSeconds(7);
            o.Resilience.RetryMaxDelay = TimeSpan.FromSeconds(30);
        });
        _server.Enqueue(FakeReply.Error(429, retryAfter: "2"), FakeReply.Text("after the wait"));

        var call = gateway.AskAsync("hi");
        await gateway.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _server.RequestCount);
        gateway.Time.Advance(TimeSpan.FromSeconds(2));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("after the wait", response.Text);
        Assert.Equal(2, _server.RequestCount);
        Assert.DoesNotContain(gateway.Time.CreatedTimers, t => t > TimeSpan.FromSeconds(2) && t < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task GetResponseAsync_503WithRetryAfterMs_HonoursMilliseconds()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Error(503) with { Headers = new() { ["retry-after-ms"] = "1500" } }, FakeReply.Text("ok"));

        var call = gateway.AskAsync("hi");
        await gateway.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(1500));
        gateway.Time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal("ok", (await call.WaitAsync(TimeSpan.FromSeconds(10))).Text);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterLongerThanLimit_FailsWithoutWaiting()
    {
        using var gateway = Gateway.Create(_server, o => o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(30));
        _server.Enqueue(FakeReply.Error(429, retryAfter: "120"));

        var error = await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("hi"));

        Assert.Contains("HTTP 429", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_ServerKeepsFailing_SendsOnlyConfiguredAttempts()
    {
        using var gateway = Gateway.Create(_server, o => o.Resilience.MaxRetryAttempts = 2);
        _server.Default = _ => FakeReply.Error(500);

        var error = await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("hi"));

        // 1 + 2 retries, and the SDK's own retries are off: no multiplication.
        Assert.Equal(3, _server.RequestCount);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_BadRequest_IsNotRetried()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Error(400));

        await Assert.ThrowsAnyAsync<Exception>(() => gateway.AskAsync("hi"));

        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_SlowerThanAttemptTimeout_RetriesAndSucceeds()
    {
        using var gateway = Gateway.Create(_server, o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20));
        _server.Enqueue(FakeReply.Hang(), FakeReply.Text("second try"));

        var call = gateway.AskAsync("hi");
        await _server.WaitForRequestsAsync(1);
        gateway.Time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal("second try", (await call.WaitAsync(TimeSpan.FromSeconds(10))).Text);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_AlwaysSlow_FailsWithAttemptTimeout()
    {
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20);
            o.Resilience.MaxRetryAttempts = 1;
        });
        _server.Default = _ => FakeReply.Hang();

        var call = gateway.AskAsync("hi");
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await _server.WaitForRequestsAsync(attempt);
            gateway.Time.Advance(TimeSpan.FromSeconds(20));
        }

        var error = await Assert.ThrowsAsync<LlmUnavailableException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("attempt timeout of 20 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_RetriesOutlastTotalTimeout_FailsWithTotalTimeout()
    {
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        });
        _server.Default = _ => FakeReply.Hang();

        var call = gateway.AskAsync("hi");
        await _server.WaitForRequestsAsync(1);
        gateway.Time.Advance(TimeSpan.FromSeconds(20));
        await _server.WaitForRequestsAsync(2);
        gateway.Time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<LlmUnavailableException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("within the total timeout of 30 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_ServerDown_FailsWithUnavailable()
    {
        using var gateway = Gateway.Create(_server, o => o.Endpoint = $"http://127.0.0.1:{ClosedPort()}/v1/");

        var error = await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("hi"));

        Assert.Contains("could not be reached after 3 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_BreakerOpen_FailsFastWithoutCallingServer()
    {
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.BreakerMinimumThroughput = 2;
            o.Resilience.BreakerFailureRatio = 0.5;
            o.Resilience.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        _server.Enqueue(FakeReply.Error(503), FakeReply.Error(503));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("1"));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("2"));

        var refused = await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("3"));

        Assert.True(refused.BreakerOpen);
        Assert.Contains("circuit breaker is open", refused.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount);
        Assert.Equal(LlmBreakerState.Open, gateway.Client.Breaker.State);
        Assert.Equal("open", gateway.Client.Breaker.StateName);
    }

    [Fact]
    public async Task Breaker_AfterBreakDuration_IsHalfOpenAndTrialCallClosesIt()
    {
        using var gateway = Gateway.Create(_server, o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.BreakerMinimumThroughput = 2;
            o.Resilience.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        _server.Enqueue(FakeReply.Error(500), FakeReply.Error(500));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("1"));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => gateway.AskAsync("2"));
        Assert.Equal(LlmBreakerState.Open, gateway.Client.Breaker.State);

        gateway.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("half-open", gateway.Client.Breaker.StateName);
        var response = await gateway.AskAsync("trial");

        Assert.Equal("ok", response.Text);
        Assert.Equal(LlmBreakerState.Closed, gateway.Client.Breaker.State);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_429ThenStream_RetriesBeforeFirstByte()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Error(429, retryAfter: "1"), FakeReply.Text("streamed"));

        var call = Task.Run(async () =>
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in gateway.Chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")]))
            {
                updates.Add(update);
            }

            return updates.ToChatResponse();
        });
        await gateway.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        gateway.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("streamed", (await call.WaitAsync(TimeSpan.FromSeconds(10))).Text);
        Assert.Equal(2, _server.RequestCount);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
