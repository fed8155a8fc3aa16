using System.Text.Json.Nodes;
using AgentFlows.History;

namespace AgentFlows.Agents.Runs;

/// <summary>How self-healing shows: a re-run marker becomes <c>step.retrying</c> with the reason and the new limits.</summary>
public sealed partial class RunProjection
{
    /// <summary>Handles the scheduling of the healing activities; false for any other activity.</summary>
    private bool ScheduledHealing(int row, HistoryEvent e, JsonNode? input)
    {
        var stepId = input?["stepId"]?.GetValue<string>();
        if (e.Name == RunNames.RepairActivity)
        {
            // The LLM call itself is in the audit trail; the step is still failing until the marker says it re-runs.
            _calls[e.EventId] = new Call("repair", stepId, null);
            return true;
        }

        if (e.Name != RunNames.RetryActivity)
        {
            return false;
        }

        _calls[e.EventId] = new Call("retry", stepId, null);
        if (stepId is null)
        {
            return true;
        }

        var step = Step(stepId);
        step.Status = "retrying";
        step.CompletedAt = null;

        // The failure just before was not final: the stream says "retrying", not "failed".
        var failed = _events.FindLastIndex(x => x.Type == "step.failed" && x.StepId == stepId);
        if (failed >= 0 && _events[failed].Seq > _events.LastOrDefault(x => x.StepId == stepId && x.Type == "step.started")?.Seq)
        {
            _events.RemoveAt(failed);
        }

        var data = new JsonObject
        {
            ["attempt"] = step.Attempts + 1,
            ["reason"] = input?["reason"]?.DeepClone(),
            ["limits"] = input?["limits"]?.DeepClone(),
            ["error"] = input?["error"]?.DeepClone(),
        };
        if (input?["repair"] is JsonValue repair)
        {
            data["repair"] = repair.DeepClone();
        }

        Emit(row, 0, "step.retrying", e.Timestamp, stepId, data);
        return true;
    }
}
