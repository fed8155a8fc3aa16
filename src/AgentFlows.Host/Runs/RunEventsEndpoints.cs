using System.Globalization;
using AgentFlows.Client;
using AgentFlows.Host.Api;
using AgentFlows.Host.Security;
using AgentFlows.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AgentFlows.Host.Runs;

/// <summary>
/// <c>GET /api/runs/{runId}/events</c>: the run's events from the start, or after <c>Last-Event-ID</c> / <c>after=</c>,
/// live until the run ends. NDJSON by default; Server-Sent Events when the caller accepts <c>text/event-stream</c>.
/// </summary>
internal static class RunEventsEndpoints
{
    /// <summary>The NDJSON media type.</summary>
    public const string Ndjson = "application/x-ndjson";

    /// <summary>The Server-Sent Events media type.</summary>
    public const string EventStream = "text/event-stream";

    public static RouteGroupBuilder MapRunEventsEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("{runId}/events", StreamAsync)
            .Produces(StatusCodes.Status200OK, contentType: Ndjson, additionalContentTypes: [EventStream])
            .RequireAuthorization(AccessPolicies.Reader)
            .WithSummary("Streams the run's events (NDJSON, or SSE on Accept: text/event-stream) until the run ends.");
        return group;
    }

    /// <summary>200 and the stream; 400 for a bad <c>Last-Event-ID</c>/<c>after</c>; 404 unknown run (or another tenant's).</summary>
    public static async Task<Results<RunEventStream, ProblemHttpResult>> StreamAsync(
        string runId, HttpContext http, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var header = http.Request.Headers["Last-Event-ID"];
        var query = http.Request.Query["after"];
        var text = header.Count > 0 && !string.IsNullOrWhiteSpace(header[^1]) ? header[^1] : query.Count > 0 ? query[^1] : null;
        long after = 0;
        if (!string.IsNullOrWhiteSpace(text) && (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            var errors = new FieldErrors();
            errors.Add(header.Count > 0 ? "Last-Event-ID" : "after", "must be the seq of an event (a non-negative integer)");
            return errors.ToProblem();
        }

        if (await RunLookup.FindAsync(client, runId, http.User.TenantOf(), cancellationToken) is null)
        {
            return ApiProblems.RunNotFoundFor(runId);
        }

        var sse = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(EventStream, StringComparison.OrdinalIgnoreCase));
        return new RunEventStream(runId, after, sse, client, http.RequestServices.GetService<InstanceChangeNotifier>());
    }
}
