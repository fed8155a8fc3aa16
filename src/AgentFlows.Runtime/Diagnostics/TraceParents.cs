using System.Collections.Concurrent;
using AgentFlows.History;
using AgentFlows.Storage;

namespace AgentFlows.Diagnostics;

/// <summary>
/// Finds the trace context of an instance for an episode: from the ExecutionStarted among its messages, else from its
/// history, else from what this host remembered when it last saw either (an episode over a session kept in memory
/// reads no history). Bounded: entries go when their instance ends, and all of them if the map ever overfills.
/// </summary>
internal static class TraceParents
{
    private const int MaxRemembered = 50_000;
    private static readonly ConcurrentDictionary<string, string> _remembered = new(StringComparer.Ordinal);

    /// <summary>Finds the trace context of the instance of a work item.</summary>
    /// <param name="item">The work item.</param>
    /// <param name="history">The stored history, when the episode read it.</param>
    /// <returns>The <c>traceparent</c>, or null when the instance has none.</returns>
    public static string? Find(OrchestrationWorkItem item, IReadOnlyList<HistoryEvent>? history)
    {
        var id = item.Instance.InstanceId;
        var found = item.Messages.LastOrDefault(m => m.Event.EventType == EventType.ExecutionStarted)?.Event.TraceParent
            ?? history?.FirstOrDefault(e => e.EventType == EventType.ExecutionStarted)?.TraceParent;
        if (found is null)
        {
            return _remembered.TryGetValue(id, out var remembered) ? remembered : null;
        }

        if (_remembered.Count >= MaxRemembered)
        {
            _remembered.Clear();
        }

        _remembered[id] = found;
        return found;
    }

    /// <summary>Forgets an instance that ended.</summary>
    /// <param name="instanceId">The instance id.</param>
    public static void Forget(string instanceId) => _remembered.TryRemove(instanceId, out _);
}
