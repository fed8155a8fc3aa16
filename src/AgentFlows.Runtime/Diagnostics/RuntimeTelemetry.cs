using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentFlows.Diagnostics;

/// <summary>
/// The runtime's traces and metrics: the <see cref="ActivitySource"/> and the <see cref="Meter"/> named
/// <see cref="Name"/>. Spans: one per orchestration episode and one per activity attempt, all in the trace of the run
/// (the trace context rides in <c>HistoryEvent.TraceParent</c>). Metrics: activity durations, executions, errors and
/// retries per activity (per tool, for agent runs); episodes; orchestrations started and completed by status.
/// </summary>
/// <remarks>Nothing here costs more than a null check and a counter add when no listener is attached.</remarks>
public static class RuntimeTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "AgentFlows.Runtime";

    /// <summary>Gets the bucket boundaries (seconds) advised for the activity duration histogram.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>Gets the activity source of the runtime's spans.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Gets the meter of the runtime's instruments.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Gets how long activity attempts take, by <c>activity</c> and <c>outcome</c> (completed, failed, abandoned).</summary>
    internal static Histogram<double> ActivityDuration { get; } = Meter.CreateHistogram(
        "agentflows.activity.duration", "s", "How long activity attempts take (tools, for agent runs).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>Gets the activity attempts run, by <c>activity</c> and <c>outcome</c>.</summary>
    internal static Counter<long> ActivityExecutions { get; } = Meter.CreateCounter<long>(
        "agentflows.activity.executions", "{attempt}", "Activity attempts run.");

    /// <summary>Gets the activity attempts that failed, by <c>activity</c>.</summary>
    internal static Counter<long> ActivityErrors { get; } = Meter.CreateCounter<long>(
        "agentflows.activity.errors", "{attempt}", "Activity attempts that failed.");

    /// <summary>Gets the activity attempts that were retries (attempt 2 and later), by <c>activity</c>.</summary>
    internal static Counter<long> ActivityRetries { get; } = Meter.CreateCounter<long>(
        "agentflows.activity.retries", "{attempt}", "Activity attempts that were retries of a failed attempt.");

    /// <summary>Gets the orchestration episodes run, by <c>orchestration</c> and <c>outcome</c> (committed, lease_lost, error).</summary>
    internal static Counter<long> Episodes { get; } = Meter.CreateCounter<long>(
        "agentflows.orchestration.episodes", "{episode}", "Orchestration episodes run.");

    /// <summary>Gets the orchestration executions started, by <c>orchestration</c> (runs are <c>AgentRun</c>).</summary>
    internal static Counter<long> Started { get; } = Meter.CreateCounter<long>(
        "agentflows.orchestration.started", "{execution}", "Orchestration executions started.");

    /// <summary>Gets the orchestration executions that reached a terminal status, by <c>orchestration</c> and <c>status</c>.</summary>
    internal static Counter<long> Completed { get; } = Meter.CreateCounter<long>(
        "agentflows.orchestration.completed", "{execution}", "Orchestration executions that ended, by final status.");

    /// <summary>Gets the W3C trace context of the current span, to record in a new instance's ExecutionStarted.</summary>
    /// <returns>The <c>traceparent</c> value, or null when there is no current W3C span.</returns>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Reads a stored <c>traceparent</c>.</summary>
    /// <param name="traceParent">The value.</param>
    /// <returns>The context, or default when absent or malformed.</returns>
    internal static ActivityContext Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
