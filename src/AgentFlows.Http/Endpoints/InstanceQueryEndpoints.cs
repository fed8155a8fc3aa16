using AgentFlows.Client;
using AgentFlows.Http.Internal;
using AgentFlows.Http.Payloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace AgentFlows.Http.Endpoints;

/// <summary><c>GET instances/{instanceId}</c> and <c>GET instances</c>: status of one instance, and the paged list.</summary>
internal static class InstanceQueryEndpoints
{
    /// <summary>The paging header of the list, in both directions.</summary>
    public const string ContinuationTokenHeader = "x-ms-continuation-token";

    public static RouteGroupBuilder MapInstanceQueryEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("instances/{instanceId}", GetAsync)
            .WithSummary("Gets an instance's status (202 while it runs, 200 once terminal).");
        group.MapGet("instances", ListAsync)
            .WithSummary("Lists instances, one page per request, paged with the x-ms-continuation-token header.");
        return group;
    }

    /// <summary>
    /// 202 with <c>Location</c> (this request's URL) and <c>Retry-After: 5</c> while not terminal; 200 terminal; 500 for
    /// Failed with <c>returnInternalServerErrorOnFailure=true</c>; 404 with an empty body (as DF) for an unknown id.
    /// </summary>
    public static async Task<Results<Ok<InstanceStatusPayload>, Accepted<InstanceStatusPayload>, JsonHttpResult<InstanceStatusPayload>, NotFound>> GetAsync(
        string instanceId, HttpContext http, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        RouteIds.Check(http.Request, instanceId);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return TypedResults.NotFound();
        }

        var payload = await StatusResponses.BuildAsync(client, instance, http.Request, cancellationToken);
        if (!instance.IsCompleted)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Accepted(http.Request.GetEncodedUrl(), payload);
        }

        return instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && QueryValues.Bool(http.Request, "returnInternalServerErrorOnFailure", false)
            ? TypedResults.Json(payload, statusCode: StatusCodes.Status500InternalServerError)
            : TypedResults.Ok(payload);
    }

    /// <summary>
    /// Filters <c>createdTimeFrom</c>, <c>createdTimeTo</c>, <c>runtimeStatus</c>, <c>instanceIdPrefix</c>; <c>showInput</c>;
    /// page size <c>top</c> (default 100, at most 1000). The response carries <c>x-ms-continuation-token</c> only when
    /// another page follows: the npm client keeps requesting while the header is truthy.
    /// </summary>
    public static async Task<Ok<List<InstanceStatusPayload>>> ListAsync(HttpContext http, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var top = QueryValues.Int(request, "top");
        var token = request.Headers[ContinuationTokenHeader] is { Count: > 0 } tokens ? tokens[0] : null;
        var query = new OrchestrationQuery
        {
            CreatedFrom = QueryValues.Time(request, "createdTimeFrom"),
            CreatedTo = QueryValues.Time(request, "createdTimeTo"),
            Statuses = QueryValues.Statuses(request, "runtimeStatus"),
            InstanceIdPrefix = QueryValues.String(request, "instanceIdPrefix") is { Length: > 0 } prefix ? prefix : null,
            PageSize = top is > 0 ? Math.Min(top.Value, 1000) : 100,
            FetchInputsAndOutputs = true,
            ContinuationToken = string.IsNullOrEmpty(token) ? null : token,
        };
        var page = await client.QueryInstancesAsync(query, cancellationToken);
        if (!string.IsNullOrEmpty(page.ContinuationToken))
        {
            http.Response.Headers[ContinuationTokenHeader] = page.ContinuationToken;
        }

        var showInput = QueryValues.Bool(request, "showInput", true);
        return TypedResults.Ok(page.Items.Select(instance => InstanceStatusPayload.From(instance, showInput)).ToList());
    }
}
