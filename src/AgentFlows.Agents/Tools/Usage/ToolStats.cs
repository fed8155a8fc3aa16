namespace AgentFlows.Agents.Tools.Usage;

/// <summary>One tool's counters and a ring of its most recent latencies.</summary>
/// <param name="window">The ring's size.</param>
internal sealed class ToolStats(int window)
{
    private readonly Lock _gate = new();
    private readonly double[] _recentMs = new double[window];
    private long _calls;
    private long _errors;

    /// <summary>Records one call.</summary>
    /// <param name="elapsedMs">Its latency in milliseconds.</param>
    /// <param name="failed">Whether it failed.</param>
    public void Record(double elapsedMs, bool failed)
    {
        lock (_gate)
        {
            // The slot is the call's number modulo the window: the oldest latency is overwritten, nothing grows.
            _recentMs[_calls % _recentMs.Length] = elapsedMs;
            _calls++;
            _errors += failed ? 1 : 0;
        }
    }

    /// <summary>Copies the counters and computes the median of the window (on read: reads are rare, calls are not).</summary>
    /// <returns>The snapshot.</returns>
    public ToolUsageSnapshot Snapshot()
    {
        double[] recent;
        long calls;
        long errors;
        lock (_gate)
        {
            calls = _calls;
            errors = _errors;
            recent = _recentMs[..(int)Math.Min(calls, _recentMs.Length)];
        }

        return new ToolUsageSnapshot(calls, errors, Median(recent));
    }

    private static double? Median(double[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }

        Array.Sort(values);
        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return Math.Round(median, 3);
    }
}
