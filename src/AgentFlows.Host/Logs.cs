namespace AgentFlows.Host;

/// <summary>The host's numbered log events (2000–2399): access 20xx, metrics 21xx, retention 22xx, telemetry 23xx.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Refused {Method} {Path} with {Status}: {Reason}")]
    public static partial void AccessRefused(this ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Rate limited {Method} {Path} for {Caller}; retry after {Seconds} s")]
    public static partial void RateLimited(this ILogger logger, string method, string path, string caller, int seconds);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Sampling the queue from the store failed; the queue gauges keep their last values")]
    public static partial void QueueSampleFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Retention purged {Count} instances that ended more than {Days} days ago")]
    public static partial void RetentionSwept(this ILogger logger, int count, double days);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "A retention sweep failed; the next one runs at the next interval")]
    public static partial void RetentionSweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Exporting traces and metrics by OTLP as service {Service}")]
    public static partial void OtlpExportStarted(this ILogger logger, string service);
}
