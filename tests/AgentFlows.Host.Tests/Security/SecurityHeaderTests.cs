using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentFlows.Host.Tests.Security;

/// <summary>The host with one CORS origin allowed.</summary>
public sealed class CorsFactory() : AgentFlowsFactory(new Dictionary<string, string?> { ["AgentFlows:Cors:Origins"] = "https://dash.example.com, https://other.example.com" });

/// <summary>Security headers on every response; HSTS over HTTPS only; CORS off unless configured.</summary>
public sealed class SecurityHeaderTests(KeyedFactory factory) : IClassFixture<KeyedFactory>
{
    [Theory]
    [InlineData(TestKeys.ReaderA, "/api/runs", HttpStatusCode.OK)]
    [InlineData(null, "/api/runs", HttpStatusCode.Unauthorized)]
    [InlineData(TestKeys.ReaderA, "/api/runs/unknown", HttpStatusCode.NotFound)]
    [InlineData(TestKeys.ReaderA, "/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData(null, "/healthz", HttpStatusCode.OK)]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string? key, string path, HttpStatusCode status)
    {
        using var http = factory.CreateApiClient(key);

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task HttpsRequest_CarriesHsts()
    {
        using var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var response = await https.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrossOriginRequest_NoOriginsConfigured_GetsNoCorsHeaders()
    {
        using var http = factory.CreateApiClient(TestKeys.ReaderA);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Add("Origin", "https://evil.example.com");

        using var response = await http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>CORS when origins are configured.</summary>
public sealed class CorsTests(CorsFactory factory) : IClassFixture<CorsFactory>
{
    [Theory]
    [InlineData("https://dash.example.com", true)]
    [InlineData("https://evil.example.com", false)]
    public async Task Preflight_ConfiguredOrigin_IsAllowedOthersAreNot(string origin, bool allowed)
    {
        using var http = factory.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/runs");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");

        using var response = await http.SendAsync(request);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }
}
