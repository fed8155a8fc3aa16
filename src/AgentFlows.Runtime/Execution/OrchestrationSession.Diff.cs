using System.Text;
using AgentFlows.History;

namespace AgentFlows.Execution;

/// <summary>
/// The replay safety net's report: when replayed code asks for another action than history records, the failure
/// reads as a diff (expected from history, actual from code) with the sequence number, the orchestrator and the line
/// of code that asked, so whoever changed the orchestrator sees at once which call broke in-flight instances.
/// </summary>
internal sealed partial class OrchestrationSession
{
    private string NonDeterminismDiff(HistoryEvent recorded, HistoryEvent? asked, string instead)
    {
        var text = new StringBuilder()
            .Append("Non-Deterministic workflow detected: A previous execution of this orchestration scheduled ")
            .Append(Kind(recorded)).Append(" with sequence number ").Append(recorded.EventId).Append(" named '").Append(recorded.Name).Append("', but ")
            .Append(instead).AppendLine(". Was a change made to the orchestrator code after this instance had already started running?")
            .Append("  orchestrator:       '").Append(Name).Append('\'').Append(_orchestratorType is { } type ? " (" + type + ")" : string.Empty)
            .Append(", version '").Append(Version).AppendLine("'")
            .Append("  sequence number:    ").Append(recorded.EventId).AppendLine()
            .Append("  - expected (history): ").AppendLine(Action(recorded))
            .Append("  + actual (code):      ").Append(asked is null ? "nothing with this sequence number" : Action(asked));
        if (asked is not null && _callSites.TryGetValue((asked.EventType, asked.EventId, asked.Attempt ?? 1), out var site) && site.Display is { } at)
        {
            text.Append(", asked for at ").Append(at);
        }

        return text.ToString();
    }

    private static string Action(HistoryEvent e) =>
        Kind(e) + (e.Name is null ? string.Empty : $" named '{e.Name}'") + ((e.Attempt ?? 1) > 1 ? $" (attempt {e.Attempt})" : string.Empty);

    private static string Kind(HistoryEvent e) => e.EventType switch
    {
        EventType.TaskScheduled => "an activity task",
        EventType.SubOrchestrationInstanceCreated => "a sub-orchestration",
        EventType.TimerCreated when e.IsRetryTimer == true => "a retry timer",
        EventType.TimerCreated => "a timer",
        EventType.EventSent => "an outgoing event",
        _ => e.EventType.ToString(),
    };
}
