using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace AgentFlows.Host.Tests.Operations;

/// <summary>The host's wiring of the run and todo APIs: documented, healthy, problem details for unknown routes.</summary>
public sealed class HostWiringTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    [Fact]
    public async Task OpenApi_Document_ListsTheRunAndTodoRoutes()
    {
        var document = (await _http.ApiGetAsync("/openapi/v1.json")).Object;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/api/runs", "/api/runs/{runId}", "/api/runs/{runId}/events", "/api/runs/{runId}/cancel", "/api/runs/{runId}/rewind", "/api/runs/{runId}/approve", "/api/todos", "/api/todos/{id}", "/api/todos/complete", "/api/tools" })
        {
            Assert.Contains(path, paths);
        }
    }

    [Fact]
    public void Services_ToolRegistry_IsTheOneRegistryThePlannerAndTheToolsShare()
    {
        var registered = factory.Services.GetRequiredService<AgentFlows.Agents.Tools.ToolRegistry>();

        // The tool activities describe themselves from the built-in registry; planning and /api/tools must use the same.
        Assert.Same(AgentFlows.Agents.Tools.ToolRegistry.Default, registered);
        Assert.Same(registered, factory.Services.GetRequiredService<AgentFlows.Host.Runs.RunPlannerSettings>().Tools);
    }

    [Fact]
    public async Task Healthz_AfterStart_IsHealthyWithTheTodoTablesCreated()
    {
        var health = await _http.ApiGetAsync("/healthz");
        var todos = await _http.ApiGetAsync("/api/todos");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal(HttpStatusCode.OK, todos.Status);
        Assert.True(Directory.Exists(Path.Combine(factory.ContentRoot, ".agentflows", "data")));
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("PUT", "/api/runs")]
    [InlineData("PUT", "/api/todos/1")]
    public async Task UnknownRouteOrMethod_AnswersProblemDetailsNot5xx(string method, string path)
    {
        var response = await _http.ApiSendAsync(new HttpMethod(method), path, null);

        Assert.True((int)response.Status is 404 or 405, response.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
    }
}
