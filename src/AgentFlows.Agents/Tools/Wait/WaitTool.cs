using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;

namespace AgentFlows.Agents.Tools.Wait;

/// <summary>
/// The <c>wait</c> tool is not an activity: the orchestration creates a durable timer for it, so a wait holds no
/// thread and survives restarts. This reads its duration.
/// </summary>
public static class WaitTool
{
    /// <summary>The longest wait, 30 days.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(30);

    /// <summary>Reads the duration of a wait step from its resolved arguments.</summary>
    /// <param name="args">The arguments, with <c>seconds</c>.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="NonRetriableException"><c>seconds</c> is missing, not a number, negative or over 30 days.</exception>
    public static TimeSpan Duration(JsonObject args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!JsonNumber.TryGet(args["seconds"], out var seconds))
        {
            throw new NonRetriableException($"A wait needs 'seconds' as a number, not {args["seconds"]?.ToJsonString() ?? "nothing"}.");
        }

        return seconds < 0 || seconds > MaxWait.TotalSeconds
            ? throw new NonRetriableException($"A wait must be between 0 seconds and 30 days, not {seconds} seconds.")
            : TimeSpan.FromSeconds(seconds);
    }
}
