using Microsoft.Extensions.Logging;

namespace AgentFlows;

/// <summary>The runtime's numbered log events (1000–1099).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Durable worker {WorkerId} started: {Orchestrations} orchestration and {Activities} activity slots")]
    public static partial void WorkerStarted(this ILogger logger, string workerId, int orchestrations, int activities);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Durable worker {WorkerId} stopped")]
    public static partial void WorkerStopped(this ILogger logger, string workerId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "{InstanceId}: episode of {MessageCount} messages -> {Status}, {NewEvents} new events")]
    public static partial void EpisodeCompleted(this ILogger logger, string instanceId, int messageCount, OrchestrationRuntimeStatus status, int newEvents);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "{InstanceId}: the lease was lost; the episode is discarded and will be redone by its new owner")]
    public static partial void EpisodeLeaseLost(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "{InstanceId}: the episode failed and is abandoned for a later retry")]
    public static partial void EpisodeError(this ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "{InstanceId}: orchestration {Name} is {Status}")]
    public static partial void InstanceFinished(this ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "{InstanceId}: not run on this host: {Reason} It is left for a matching host and retried after {Delay}")]
    public static partial void VersionRejected(this ILogger logger, string instanceId, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "{InstanceId}: activity {Name} #{TaskId} attempt {Attempt} {Outcome}")]
    public static partial void ActivityFinished(this ILogger logger, string instanceId, string name, int taskId, int attempt, string outcome);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "{InstanceId}: activity {Name} #{TaskId} lost its lease; its result is discarded")]
    public static partial void ActivityLeaseLost(this ILogger logger, string instanceId, string name, int taskId);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Error, Message = "Dispatcher {Kind} loop error; backing off")]
    public static partial void DispatchLoopError(this ILogger logger, Exception exception, string kind);
}
