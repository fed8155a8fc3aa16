using AgentFlows.History;

namespace AgentFlows.Execution;

/// <summary>
/// Computes the history of a rewound instance: the calls it died of are neutralised (with their whole retry chain),
/// everything that succeeded is kept, so replay re-runs only what failed.
/// </summary>
/// <remarks>
/// Neutralised rows become <see cref="EventType.GenericEvent"/> rows with <c>Reason = "Rewound: &lt;type&gt;"</c>, as
/// Durable Functions' rewind does, so the history keeps its length and every row keeps its position: readers that
/// number history rows (the run event stream) see no gap and no duplicate across a rewind. A failure the
/// orchestration reacted to (it scheduled new work after receiving it) is part of its logic and is kept; only
/// failures after which nothing new was scheduled are rewound. This keeps the replay deterministic.
/// </remarks>
internal static class Rewinder
{
    /// <summary>Builds the rewound history.</summary>
    /// <param name="history">The failed execution's history.</param>
    /// <returns>The new history and the failed children to rewind recursively.</returns>
    public static (List<HistoryEvent> History, List<string> FailedChildren) Rewind(IReadOnlyList<HistoryEvent> history)
    {
        var finalFailure = new Dictionary<int, int>();
        var pending = new Dictionary<int, int>();
        var lastReaction = -1;
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            switch (e.EventType)
            {
                case EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed:
                    finalFailure[e.TaskScheduledId ?? -1] = i;
                    pending.Remove(e.TaskScheduledId ?? -1);
                    break;
                case EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted:
                    finalFailure.Remove(e.TaskScheduledId ?? -1);
                    pending.Remove(e.TaskScheduledId ?? -1);
                    break;
                case EventType.TaskScheduled:
                    // An activity still in flight when the instance failed: its result was dropped, so it runs again.
                    pending[e.EventId] = int.MaxValue;
                    goto default;
                default:
                    if (e.EventType is EventType.TaskScheduled or EventType.SubOrchestrationInstanceCreated or EventType.EventSent or EventType.TimerCreated &&
                        e.IsRetryTimer != true && (e.Attempt ?? 1) == 1)
                    {
                        lastReaction = i;
                    }

                    break;
            }
        }

        var rewound = finalFailure.Concat(pending).Where(kv => kv.Value > lastReaction).Select(kv => kv.Key).ToHashSet();
        var children = new List<string>();
        var result = new List<HistoryEvent>(history.Count);
        foreach (var e in history)
        {
            var id = e.TaskScheduledId ?? (e.EventType == EventType.TimerFired ? e.TimerId : e.EventId) ?? -1;
            if (e.EventType != EventType.ExecutionCompleted && (!rewound.Contains(id) || !IsCallEvent(e)))
            {
                result.Add(e);
                continue;
            }

            // A child keeps its first creation record: it is rewound in place and reports back to this call.
            if (e.EventType == EventType.SubOrchestrationInstanceCreated && (e.Attempt ?? 1) == 1)
            {
                result.Add(e);
                children.Add(e.InstanceId!);
                continue;
            }

            result.Add(e with { EventType = EventType.GenericEvent, Reason = "Rewound: " + e.EventType });
        }

        return (result, children);
    }

    private static bool IsCallEvent(HistoryEvent e) => e.EventType switch
    {
        EventType.TaskScheduled or EventType.TaskCompleted or EventType.TaskFailed => true,
        EventType.SubOrchestrationInstanceCreated or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed => true,
        EventType.TimerCreated or EventType.TimerFired => e.IsRetryTimer == true,
        _ => false,
    };
}
