using System.Net;
using AgentFlows.Host.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlows.Host.Tests.Security;

/// <summary>The host with a budget of 5 requests a minute per key.</summary>
public sealed class LimitedFactory() : AgentFlowsFactory(new Dictionary<string, string?>(TestKeys.Settings()) { ["AgentFlows:RateLimit:PermitsPerMinute"] = "5" });

/// <summary>Per-key budgets (429 with Retry-After) and the limit on concurrent run starts.</summary>
public sealed class RateLimitTests(LimitedFactory factory) : IClassFixture<LimitedFactory>
{
    [Fact]
    public async Task Burst_OverTheKeysBudget_Answers429ProblemWithRetryAfterAndSparesOtherKeys()
    {
        using var a = factory.CreateApiClient(TestKeys.ReaderA);
        using var b = factory.CreateApiClient(TestKeys.ReaderB);
        using var anonymous = factory.CreateApiClient();

        var burst = new List<ApiResponse>();
        for (var i = 0; i < 8; i++)
        {
            burst.Add(await a.ApiGetAsync("/api/todos"));
        }

        var other = await b.ApiGetAsync("/api/todos");
        var health = await anonymous.ApiGetAsync("/healthz");

        Assert.All(burst.Take(5), r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(burst.Skip(5), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.Status));
        var refused = burst[^1];
        Assert.Equal("https://agentflows.dev/problems/too-many-requests", refused.ProblemType);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(HttpStatusCode.OK, health.Status);
    }

    [Fact]
    public void StartRunRoute_HasTheRunStartConcurrencyLimit()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var start = endpoints.Single(e => e.RoutePattern.RawText?.TrimEnd('/') == "/api/runs" && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true);

        Assert.Equal(RateLimits.RunStartsPolicy, start.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
    }

    [Fact]
    public void Bucket_PermitsPerMinute_HoldsAMinutesBudgetRefilledOverTheMinute()
    {
        var bucket = RateLimits.Bucket(600);

        Assert.Equal(600, bucket.TokenLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.ReplenishmentPeriod * 1 / bucket.TokensPerPeriod);
        Assert.Equal(0, bucket.QueueLimit);
    }
}
