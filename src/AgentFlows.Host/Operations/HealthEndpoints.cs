using AgentFlows.Hosting;
using AgentFlows.Storage;

namespace AgentFlows.Host.Operations;

/// <summary><c>GET /healthz</c>: the store answers and the workers run. Open to anyone, outside every rate limit.</summary>
internal static class HealthEndpoints
{
    /// <summary>Maps the health endpoint.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IOrchestrationStore store, DurableTaskWorker worker, CancellationToken ct) =>
        {
            string storeStatus;
            try
            {
                await store.GetInstanceAsync("healthz-probe", false, ct);
                storeStatus = "reachable";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                storeStatus = "unreachable: " + ex.GetType().Name;
            }

            var healthy = storeStatus == "reachable" && worker.IsRunning;
            var body = new
            {
                status = healthy ? "Healthy" : "Unhealthy",
                store = storeStatus,
                workers = worker.IsRunning ? "running" : "stopped",
                inFlight = worker.InFlightCount,
                cachedSessions = worker.CachedSessionCount,
            };
            return healthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Operations").AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
