namespace AgentFlows.Host.Security;

/// <summary>
/// Cross-origin requests are refused (no CORS headers) unless <c>AgentFlows:Cors:Origins</c> names the origins
/// allowed, as a comma list or as an array (<c>AgentFlows__Cors__Origins__0</c>, …).
/// </summary>
internal static class CorsSettings
{
    /// <summary>The CORS policy name.</summary>
    public const string Policy = "configured-origins";

    /// <summary>Reads the allowed origins.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The origins; empty when CORS is off.</returns>
    public static string[] Origins(IConfiguration configuration)
    {
        var section = configuration.GetSection("AgentFlows:Cors:Origins");
        var values = section.Value is { } list ? list.Split(',') : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return [.. values.Select(v => v.Trim().TrimEnd('/')).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Registers the policy when origins are configured.</summary>
    /// <param name="services">The services.</param>
    /// <param name="origins">The origins.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConfiguredCors(this IServiceCollection services, string[] origins)
    {
        if (origins.Length > 0)
        {
            services.AddCors(o => o.AddPolicy(Policy, p => p.WithOrigins(origins).AllowAnyMethod()
                .WithHeaders("content-type", "x-api-key", "last-event-id").WithExposedHeaders("location", "retry-after", "x-ms-continuation-token")));
        }

        return services;
    }
}
