using System.Text.Json.Nodes;
using AgentFlows.Agents.DataLifecycle;
using AgentFlows.History;

namespace AgentFlows.Agents.Runs;

/// <summary>
/// Steps that run as sub-orchestrations (<c>data.lifecycle</c>): their creation starts the step, the child's completion
/// or failure ends it, exactly as an activity's schedule and result do.
/// </summary>
public sealed partial class RunProjection
{
    private void ChildCreated(int row, HistoryEvent e)
    {
        var input = Parse(e.Input);
        if (input?["stepId"] is not JsonValue id || !id.TryGetValue<string>(out var stepId))
        {
            return;
        }

        var tool = e.Name == DataLifecycleNames.Orchestrator ? Tools.ToolNames.DataLifecycle : e.Name;
        _calls[e.EventId] = new Call("tool", stepId, tool, Child: true);
        Start(row, e.Timestamp, stepId, tool, input["args"]?.DeepClone());
        RecordToolVersion(stepId, input);
    }

    /// <summary>
    /// A rewound child is rewound in place and reports back to its first creation record, so no new creation row
    /// follows: the step starts again at the rewind (numbered after the run.rewound event of the same row).
    /// </summary>
    private void RestartRewoundChildren(int row, DateTime at)
    {
        var k = 1;
        foreach (var call in _calls.Values.Where(c => c.Child && _steps.GetValueOrDefault(c.StepId!)?.Status == "failed").DistinctBy(c => c.StepId))
        {
            if (k > 3)
            {
                break;
            }

            Start(row, at, call.StepId!, call.Tool, Plan?.Steps.FirstOrDefault(s => s.Id == call.StepId)?.Args.DeepClone(), k++);
        }
    }
}
