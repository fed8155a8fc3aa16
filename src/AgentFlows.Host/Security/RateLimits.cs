using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AgentFlows.Host.Security;

/// <summary>
/// ASP.NET Core's rate limiter, configured for the service: a token bucket per API key (per remote address for callers
/// without a valid key) over every request but <c>/healthz</c>, and a concurrency limit on run starts across all keys.
/// Refusals are 429 problems with <c>Retry-After</c>.
/// </summary>
internal static class RateLimits
{
    /// <summary>The policy of <c>POST /api/runs</c>.</summary>
    public const string RunStartsPolicy = "run-starts";

    /// <summary>Registers the limiter.</summary>
    /// <param name="services">The services.</param>
    /// <param name="settings">The budgets.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAgentFlowsRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            if (settings.PermitsPerMinute > 0)
            {
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(PartitionOf(http), _ => Bucket(settings.PermitsPerMinute)));
            }

            o.AddConcurrencyLimiter(RunStartsPolicy, c =>
            {
                c.PermitLimit = settings.MaxConcurrentRunStarts;
                c.QueueLimit = settings.RunStartQueueLimit;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>The bucket of one key: a minute's budget at most, refilled one token at a time over the minute.</summary>
    /// <param name="permitsPerMinute">The budget.</param>
    /// <returns>The options.</returns>
    public static TokenBucketRateLimiterOptions Bucket(int permitsPerMinute) => new()
    {
        TokenLimit = permitsPerMinute,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerMinute / permitsPerMinute)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string PartitionOf(HttpContext http) =>
        http.User.KeyIdOf() ?? "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "local");

    private static ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        // Only the token bucket knows when a permit comes back; a full run-start queue frees up within a second or so.
        var budget = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        var seconds = budget ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits)).RateLimited(http.Request.Method, http.Request.Path, http.User.KeyIdOf() ?? "anonymous", seconds);
        var detail = budget
            ? $"The request budget of this API key is used up; retry in {seconds} s."
            : $"Too many runs are being started at once; retry in {seconds} s.";
        return new ValueTask(AccessProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, AccessProblems.TooManyRequests, "Too many requests", detail));
    }
}
