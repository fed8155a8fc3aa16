using System.Diagnostics.Metrics;

namespace AgentFlows.Agents.Tools.Usage;

/// <summary>
/// The agent layer's instruments, on the meter <see cref="Name"/>: tool calls, errors and durations by <c>tool</c>.
/// The host's <c>/metrics</c> exports every <c>AgentFlows.*</c> meter, so these appear there as
/// <c>agentflows_tool_calls_total</c>, <c>agentflows_tool_errors_total</c> and <c>agentflows_tool_duration_seconds</c>.
/// </summary>
/// <remarks>Static, like the runtime's meter: with no listener attached a measurement costs a null check.</remarks>
public static class ToolTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string Name = "AgentFlows.Agents";

    /// <summary>Gets the meter.</summary>
    public static Meter Meter { get; } = new(Name);

    private static Counter<long> Calls { get; } = Meter.CreateCounter<long>("agentflows.tool.calls", "{call}", "Tool calls (activity attempts, cache hits included), by tool.");

    private static Counter<long> Errors { get; } = Meter.CreateCounter<long>("agentflows.tool.errors", "{call}", "Tool calls that failed, by tool.");

    private static Histogram<double> Duration { get; } = Meter.CreateHistogram(
        "agentflows.tool.duration", "s", "How long tool calls take, by tool.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });

    /// <summary>Records one call of a tool.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="elapsed">How long it took.</param>
    /// <param name="failed">Whether it failed.</param>
    public static void Record(string tool, TimeSpan elapsed, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("tool", tool);
        Calls.Add(1, tag);
        if (failed)
        {
            Errors.Add(1, tag);
        }

        Duration.Record(elapsed.TotalSeconds, tag);
    }
}
