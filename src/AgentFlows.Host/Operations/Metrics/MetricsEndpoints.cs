using AgentFlows.Host.Security;

namespace AgentFlows.Host.Operations.Metrics;

/// <summary><c>GET /metrics</c>: every metric in the Prometheus text format, for an admin key or a caller on this machine.</summary>
internal static class MetricsEndpoints
{
    /// <summary>Registers the metric services.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAgentFlowsMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<QueueSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueSampler>());
        services.AddSingleton<HostMetrics>();
        services.AddSingleton<MetricsCollector>();
        return services;
    }

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        // Listening starts with the app, not with the first scrape, so the first scrape already has the counts.
        _ = app.ServiceProvider.GetRequiredService<MetricsCollector>();
        app.MapGet("/metrics", async (MetricsCollector metrics, QueueSampler queue, CancellationToken cancellationToken) =>
        {
            await queue.RefreshAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return Results.Text(PrometheusText.Write(metrics.Collect()), PrometheusText.ContentType);
        })
        .RequireAuthorization(AccessPolicies.Metrics)
        .WithTags("Operations")
        .WithSummary("Metrics in the Prometheus text format (admin key, or any caller on this machine).");
        return app;
    }
}
