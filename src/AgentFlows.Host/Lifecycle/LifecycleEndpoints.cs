using AgentFlows.Agents.Lifecycle;
using AgentFlows.Agents.Schedules;
using AgentFlows.Host.Api;

namespace AgentFlows.Host.Lifecycle;

/// <summary><c>GET /api/schedules</c>, <c>POST /api/schedules/{name}/trigger</c> and <c>GET /api/models</c>.</summary>
internal static class LifecycleEndpoints
{
    /// <summary>Maps the schedule routes.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/schedules").WithTags("Schedules");
        group.MapGet(string.Empty, async (Schedules schedules, TimerTrigger trigger, CancellationToken ct) =>
        {
            var items = new List<ScheduleInfo>();
            foreach (var s in schedules.All)
            {
                items.Add(await trigger.DescribeAsync(s, ct));
            }

            return TypedResults.Ok(new { items });
        });
        group.MapPost("/{name}/trigger", async Task<IResult> (string name, Schedules schedules, TimerTrigger trigger, TimeProvider time, CancellationToken ct) =>
        {
            var schedule = schedules.All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (schedule is null)
            {
                return ApiProblems.Create(StatusCodes.Status404NotFound, AgentFlows.Http.ProblemTypes.Prefix + "schedule-not-found", "Schedule not found",
                    $"No schedule named '{name}' is configured; known: {string.Join(", ", schedules.All.Select(s => s.Name))}.");
            }

            var (instanceId, _) = await trigger.FireAsync(schedule, time.GetUtcNow(), ":manual", ct);
            return TypedResults.Accepted($"/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}", new { instanceId });
        }).RequireAuthorization(Security.AccessPolicies.Admin);
        return group;
    }

    /// <summary>Maps the model registry route.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/models").WithTags("Models");
        group.MapGet(string.Empty, async (IModelRegistry models, CancellationToken ct) => TypedResults.Ok(new { items = await models.ListAsync(ct) }));
        return group;
    }
}
