using System.Text.Json.Nodes;
using AgentFlows.History;
using AgentFlows.Http.Internal;

namespace AgentFlows.Http.Payloads;

/// <summary>
/// Shapes an instance's history into the <c>historyEvents</c> array of the status JSON, as Durable Functions'
/// <c>DurableClient.GetDurableOrchestrationStatusAsync</c> does.
/// </summary>
/// <remarks>
/// Rows carry PascalCase DTFx field names, <c>EventType</c> as its name and a full-precision <c>Timestamp</c>;
/// <c>EventId</c> is dropped. OrchestratorStarted/Completed rows are removed. A TaskScheduled
/// (SubOrchestrationInstanceCreated) row is merged into the completion or failure that answers it, which gains
/// <c>FunctionName</c>, <c>ScheduledTime</c> and <c>Input</c>; in-flight calls keep their scheduled row. Retries of
/// one call share its sequence number, so each scheduled attempt pairs with the next answer for that number.
/// <c>Result</c> is written (as parsed JSON) only with <c>showHistoryOutput</c>; <c>Input</c> only with <c>showInput</c>.
/// </remarks>
public static class HistoryShaper
{
    /// <summary>Shapes a history.</summary>
    /// <param name="history">The events, oldest first.</param>
    /// <param name="showInput">Write <c>Input</c> fields.</param>
    /// <param name="showHistoryOutput">Write <c>Result</c> fields.</param>
    /// <returns>The rows.</returns>
    public static JsonArray Shape(IReadOnlyList<HistoryEvent> history, bool showInput, bool showHistoryOutput)
    {
        ArgumentNullException.ThrowIfNull(history);
        var rows = new List<JsonObject?>(history.Count);
        var openTasks = new Dictionary<int, (int Row, HistoryEvent Scheduled)>();
        var openSubOrchestrations = new Dictionary<int, (int Row, HistoryEvent Scheduled)>();
        var options = new RowOptions(showInput, showHistoryOutput);
        foreach (var e in history)
        {
            switch (e.EventType)
            {
                case EventType.OrchestratorStarted or EventType.OrchestratorCompleted:
                    break;
                case EventType.TaskScheduled:
                    openTasks[e.EventId] = (rows.Count, e);
                    rows.Add(HistoryRows.Build(e, null, options));
                    break;
                case EventType.SubOrchestrationInstanceCreated:
                    openSubOrchestrations[e.EventId] = (rows.Count, e);
                    rows.Add(HistoryRows.Build(e, null, options));
                    break;
                case EventType.TaskCompleted or EventType.TaskFailed:
                    rows.Add(HistoryRows.Build(e, Close(openTasks, e, rows), options));
                    break;
                case EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed:
                    rows.Add(HistoryRows.Build(e, Close(openSubOrchestrations, e, rows), options));
                    break;
                default:
                    rows.Add(HistoryRows.Build(e, null, options));
                    break;
            }
        }

        var shaped = new JsonArray();
        foreach (var row in rows)
        {
            if (row is not null)
            {
                shaped.Add(row);
            }
        }

        return shaped;
    }

    // Removes the scheduled row an answer merges into and returns the scheduled event (null when none is open).
    private static HistoryEvent? Close(Dictionary<int, (int Row, HistoryEvent Scheduled)> open, HistoryEvent answer, List<JsonObject?> rows)
    {
        var id = answer.TaskScheduledId ?? answer.EventId;
        if (!open.Remove(id, out var entry))
        {
            return null;
        }

        rows[entry.Row] = null;
        return entry.Scheduled;
    }
}
