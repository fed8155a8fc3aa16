using System.Collections.Concurrent;

namespace AgentFlows.Agents.Tools.Usage;

/// <summary>
/// How often each tool ran in this process, how often it failed, and its median latency over a bounded window of
/// recent calls. Thread-safe; recording is a counter increment and a slot write, and memory is bounded by the tool
/// names times the window, never by traffic.
/// </summary>
/// <remarks>
/// Every <see cref="ToolActivity"/> records into <see cref="Shared"/> unless told otherwise, so a new tool activity is
/// counted without any registration. Usage is per process: it starts at zero when the host starts and each host of a
/// cluster counts its own calls.
/// </remarks>
public sealed class ToolUsage
{
    /// <summary>The number of recent calls the median is taken over, per tool, by default.</summary>
    public const int DefaultWindow = 256;

    private readonly ConcurrentDictionary<string, ToolStats> _tools = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _window;

    /// <summary>Initializes a new instance of the <see cref="ToolUsage"/> class.</summary>
    /// <param name="window">How many recent calls per tool the median is taken over.</param>
    public ToolUsage(int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        _window = window;
    }

    /// <summary>Gets the usage of this process, which tool activities record into by default.</summary>
    public static ToolUsage Shared { get; } = new();

    /// <summary>Records one call of a tool.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="elapsed">How long the call took.</param>
    /// <param name="failed">Whether it failed.</param>
    public void Record(string tool, TimeSpan elapsed, bool failed)
    {
        ArgumentNullException.ThrowIfNull(tool);
        _tools.GetOrAdd(tool, _ => new ToolStats(_window)).Record(elapsed.TotalMilliseconds, failed);
    }

    /// <summary>Reads a tool's usage; a tool that never ran has zero calls and no median.</summary>
    /// <param name="tool">The tool name.</param>
    /// <returns>The usage.</returns>
    public ToolUsageSnapshot Of(string tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return _tools.TryGetValue(tool, out var stats) ? stats.Snapshot() : new ToolUsageSnapshot(0, 0, null);
    }
}
