using System.Net;
using System.Text.Json.Nodes;

namespace AgentFlows.Host.Tests.Runs;

/// <summary>The run's audit trail and the session cache reset.</summary>
public sealed class RunAuditTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    [Fact]
    public async Task GetAudit_CompletedRun_ListsEveryToolCallAsJsonLines()
    {
        var runId = await _http.StartRunAsync("calculate 1+1 then calculate {step_1_output} * 10");
        await factory.CompletionAsync(runId);

        var response = await _http.GetAsync($"/api/runs/{runId}/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["step.started", "step.completed", "step.started", "step.completed"], lines.Select(l => l["event"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal("tool", l["kind"]!.GetValue<string>()));
        Assert.Equal("20", lines[3]["data"]!["output"]!.ToJsonString());
    }

    [Fact]
    public async Task GetAudit_UnknownRun_NotFound()
    {
        var response = await _http.GetAsync("/api/runs/no-such-run/audit");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task DeleteSessionCache_AnySession_NoContent()
    {
        var response = await _http.DeleteAsync("/api/sessions/s-1/cache");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
