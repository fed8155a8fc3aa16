using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Llm;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using AgentFlows.Host.Api;
using AgentFlows.Host.Runs;
using AgentFlows.Host.Security;

namespace AgentFlows.Host.Llm;

/// <summary><c>GET /api/runs/{runId}/audit</c> (JSONL) and <c>DELETE /api/sessions/{sessionId}/cache</c>.</summary>
internal static class LlmEndpoints
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IEndpointRouteBuilder MapLlmApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{runId}/audit", AuditAsync).WithTags("Runs").RequireAuthorization(AccessPolicies.Reader);
        app.MapDelete("/api/sessions/{sessionId}/cache", ResetCacheAsync).WithTags("Sessions").RequireAuthorization(AccessPolicies.Operator);
        return app;
    }

    /// <summary>The run's audit trail: one JSON object per line, tool calls from the run's history and LLM calls from the audit table.</summary>
    private static async Task<IResult> AuditAsync(string runId, HttpContext http, DurableTaskClient client, DbLlmAuditSink audit, CancellationToken ct)
    {
        var tenant = http.User.TenantOf();
        if (await RunLookup.FindAsync(client, runId, tenant, ct) is not { } instance)
        {
            return ApiProblems.RunNotFoundFor(runId);
        }

        var text = new StringBuilder();
        var projection = RunProjection.Build(instance, await client.GetOrchestrationHistoryAsync(runId, ct));
        foreach (var e in projection.Events.Where(e => e.Type is "step.started" or "step.completed" or "step.failed"))
        {
            var line = new JsonObject { ["kind"] = "tool", ["event"] = e.Type, ["at"] = e.At, ["stepId"] = e.StepId, ["data"] = e.Data.DeepClone() };
            text.Append(line.ToJsonString()).Append('\n');
        }

        foreach (var record in await audit.ForRunAsync(runId, tenant, ct))
        {
            var line = JsonNode.Parse(record)!.AsObject();
            line.Insert(0, "kind", "llm");
            text.Append(line.ToJsonString(new JsonSerializerOptions(JsonSerializerDefaults.Web))).Append('\n');
        }

        return Results.Text(text.ToString(), "application/jsonl", Encoding.UTF8);
    }

    /// <summary>Disposes a session's LLM cache entries (of the caller's tenant only) → 204.</summary>
    private static async Task<IResult> ResetCacheAsync(string sessionId, HttpContext http, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<LlmClient>() is { } llm)
        {
            await llm.Cache.ResetSessionAsync(http.User.TenantOf(), sessionId, ct);
        }

        return Results.NoContent();
    }
}
