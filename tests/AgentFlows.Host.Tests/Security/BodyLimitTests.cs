using System.Net;

namespace AgentFlows.Host.Tests.Security;

/// <summary>Every route that reads a body refuses one over its limit with a 413 problem, writing nothing.</summary>
public sealed class BodyLimitTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    [Theory]
    [InlineData("POST", "/api/runs", 1)]
    [InlineData("POST", "/api/todos", 1)]
    [InlineData("PATCH", "/api/todos/1", 1)]
    [InlineData("POST", "/api/todos/complete", 1)]
    [InlineData("POST", "/api/runs/r/cancel", 1)]
    [InlineData("POST", "/api/runs/r/approve", 1)]
    [InlineData("POST", "/runtime/webhooks/durabletask/orchestrators/HelloCities", 4)]
    public async Task Body_OverTheLimit_Answers413Problem(string method, string path, int limitMiB)
    {
        using var http = factory.CreateApiClient();
        var before = await StoreSnapshot.TakeAsync(factory, http);
        var body = "\"" + new string('x', (limitMiB * 1024 * 1024) + 16) + "\"";

        var response = await http.ApiSendAsync(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(factory, http));
    }
}
