using System.Net;
using AgentFlows.Host.Security;
using Microsoft.AspNetCore.Http;

namespace AgentFlows.Host.Tests.Security;

/// <summary>With no key configured, the service serves only callers on its own machine, as the admin of <c>default</c>.</summary>
public sealed class LoopbackOnlyTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    [Fact]
    public async Task NoKeysConfigured_LoopbackCaller_IsAdminOfTenantDefault()
    {
        using var http = factory.CreateApiClient();

        var runId = await http.StartRunAsync("calculate 1+1");
        var management = await http.ApiGetAsync("/runtime/webhooks/durabletask/instances");

        var input = JsonNode.Parse((await factory.Durable.GetInstanceAsync(runId, getInputsAndOutputs: true))!.SerializedInput!)!;
        Assert.Equal("default", input["tenant"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, management.Status);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    public async Task NoKeysConfigured_ProxiedCaller_Answers403Problem(string header, string value)
    {
        using var http = factory.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Add(header, value);

        var response = await http.ApiSendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("https://agentflows.dev/problems/loopback-only", response.ProblemType);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.8", false)]
    [InlineData("192.168.1.20", false)]
    public void IsLoopback_RemoteAddress_OnlyLoopbackAddressesAre(string address, bool expected)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        http.Connection.LocalIpAddress = IPAddress.Loopback;

        Assert.Equal(expected, LoopbackRequests.IsLoopback(http));
    }
}
