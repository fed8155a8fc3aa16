using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.History;

namespace AgentFlows.Agents.Runs;

/// <summary>How each history row maps to run events and step progress.</summary>
public sealed partial class RunProjection
{
    private void Apply(int row, HistoryEvent e)
    {
        // A row neutralised by rewind still tells what happened then; later rows override the step's state.
        var type = e.EventType == EventType.GenericEvent && e.Reason?.StartsWith("Rewound: ", StringComparison.Ordinal) == true &&
            Enum.TryParse<EventType>(e.Reason["Rewound: ".Length..], out var original) ? original : e.EventType;
        switch (type)
        {
            case EventType.ExecutionStarted:
                Emit(row, 0, "run.started", e.Timestamp, null, new JsonObject { ["prompt"] = Request.Prompt, ["sessionId"] = Request.SessionId });
                if (Plan is not null)
                {
                    Emit(row, 1, "plan.created", e.Timestamp, null, new JsonObject { ["planner"] = Planner, ["plan"] = PlanJson() });
                }

                break;
            case EventType.TaskScheduled:
                Scheduled(row, e);
                break;
            case EventType.SubOrchestrationInstanceCreated:
                ChildCreated(row, e);
                break;
            case EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted:
                Completed(row, e);
                break;
            case EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed:
                Failed(row, e);
                break;
            case EventType.TimerCreated:
                TimerCreated(row, e);
                break;
            case EventType.TimerFired when _waitTimers.Remove(e.TimerId ?? -1, out var waitStep):
                Finish(row, e.Timestamp, waitStep, "completed", null, null);
                break;
            case EventType.EventRaised when e.Name?.StartsWith(RunNames.ApprovalEventPrefix, StringComparison.OrdinalIgnoreCase) == true:
                Resolved(row, e);
                break;
            case EventType.ExecutionCompleted:
                Emit(row, 0, e.OrchestrationStatus == OrchestrationRuntimeStatus.Completed ? "run.completed" : "run.failed", e.Timestamp, null,
                    e.OrchestrationStatus == OrchestrationRuntimeStatus.Completed
                        ? new JsonObject { ["result"] = Parse(e.Result)?["result"]?.DeepClone() }
                        : new JsonObject { ["error"] = e.FailureDetails?.ErrorMessage ?? e.Result });
                break;
            case EventType.ExecutionTerminated:
                Emit(row, 0, "run.canceled", e.Timestamp, null, new JsonObject { ["reason"] = Parse(e.Input) });
                break;
            case EventType.ExecutionRewound:
                Emit(row, 0, "run.rewound", e.Timestamp, null, new JsonObject { ["reason"] = e.Reason });
                RestartRewoundChildren(row, e.Timestamp);
                break;
        }
    }

    private void Scheduled(int row, HistoryEvent e)
    {
        if (e.Name == RunNames.PlanActivity)
        {
            _calls[e.EventId] = new Call("plan", null, null);
            return;
        }

        var input = Parse(e.Input);
        var stepId = input?["stepId"]?.GetValue<string>();
        if (ScheduledHealing(row, e, input))
        {
            return;
        }

        if (e.Name == RunNames.ApprovalActivity)
        {
            var id = input?["stepId"]?.GetValue<string>();
            _calls[e.EventId] = new Call("approval", id, null);
            if (id is not null && _steps.TryGetValue(id, out var s))
            {
                s.Status = "waitingForApproval";
            }

            Emit(row, 0, "approval.requested", e.Timestamp, id, new JsonObject { ["error"] = input?["error"]?.DeepClone(), ["reason"] = input?["reason"]?.DeepClone() ?? "failure" });
            return;
        }

        if (stepId is null)
        {
            return;
        }

        _calls[e.EventId] = new Call("tool", stepId, e.Name);
        Start(row, e.Timestamp, stepId, e.Name, input?["args"]?.DeepClone());
        RecordToolVersion(stepId, input);
    }

    /// <summary>
    /// The tool version a step's call input records (an activity's or a sub-orchestration's). Histories written before
    /// versions were recorded have none: the view shows null, not a guess.
    /// </summary>
    private void RecordToolVersion(string stepId, JsonNode? input) =>
        Step(stepId).ToolVersion = input?["toolVersion"] is JsonValue v && v.TryGetValue<string>(out var version) ? version : null;

    private void Start(int row, DateTime at, string stepId, string? tool, JsonNode? args, int k = 0)
    {
        var step = Step(stepId);
        step.Attempts++;
        step.Status = "running";
        step.StartedAt = at;
        step.CompletedAt = null;
        Emit(row, k, "step.started", at, stepId, new JsonObject { ["tool"] = tool, ["attempt"] = step.Attempts, ["args"] = args });
    }

    private void Completed(int row, HistoryEvent e)
    {
        if (!_calls.TryGetValue(e.TaskScheduledId ?? -1, out var call))
        {
            return;
        }

        if (call.Kind == "plan")
        {
            var outcome = Parse(e.Result);
            Planner = outcome?["planner"]?.GetValue<string>();
            SetPlan(outcome?["plan"] is { } p ? Plans.Plan.FromJson(p.ToJsonString()) : null);
            Emit(row, 0, "plan.created", e.Timestamp, null, new JsonObject { ["planner"] = Planner, ["reason"] = outcome?["reason"]?.DeepClone(), ["plan"] = PlanJson() });
        }
        else if (call.Kind == "tool")
        {
            Finish(row, e.Timestamp, call.StepId!, "completed", Parse(e.Result), null);
        }
    }

    private void Failed(int row, HistoryEvent e)
    {
        if (!_calls.TryGetValue(e.TaskScheduledId ?? -1, out var call) || call.Kind != "tool")
        {
            return;
        }

        var step = Step(call.StepId!);
        step.Error = e.FailureDetails?.ErrorMessage ?? e.Reason;
        step.Status = "failed";
        step.CompletedAt = e.Timestamp;
        Emit(row, 0, "step.failed", e.Timestamp, call.StepId, new JsonObject
        {
            ["error"] = step.Error,
            ["errorType"] = e.FailureDetails?.ErrorType,
            ["nonRetriable"] = e.FailureDetails?.IsNonRetriable ?? false,
            ["attempt"] = step.Attempts,
        });
    }

    private void TimerCreated(int row, HistoryEvent e)
    {
        if (e.IsRetryTimer == true && _calls.TryGetValue(e.EventId, out var call) && call.Kind == "tool")
        {
            var step = Step(call.StepId!);
            step.Status = "retrying";
            step.CompletedAt = null;

            // The failure just before was not final: the stream says "retrying", not "failed".
            var failed = _events.FindLastIndex(x => x.Type == "step.failed" && x.StepId == call.StepId);
            if (failed >= 0 && _events[failed].Seq > _events.LastOrDefault(x => x.StepId == call.StepId && x.Type == "step.started")?.Seq)
            {
                _events.RemoveAt(failed);
            }

            Emit(row, 0, "step.retrying", e.Timestamp, call.StepId, new JsonObject { ["attempt"] = step.Attempts + 1, ["retryAt"] = e.FireAt, ["error"] = step.Error });
        }
        else if (e.Name is { } stepId && _steps.ContainsKey(stepId) && e.IsRetryTimer != true)
        {
            _waitTimers[e.EventId] = stepId;
            Start(row, e.Timestamp, stepId, Tools.ToolNames.Wait, new JsonObject { ["until"] = e.FireAt });
        }
    }

    private void Resolved(int row, HistoryEvent e)
    {
        var stepId = e.Name![RunNames.ApprovalEventPrefix.Length..];
        var decision = Parse(e.Input);
        var choice = decision?["decision"]?.GetValue<string>()?.ToLowerInvariant();
        Emit(row, 0, "approval.resolved", e.Timestamp, stepId, new JsonObject { ["decision"] = choice, ["note"] = decision?["note"]?.DeepClone() });
        if (choice == "skip")
        {
            Finish(row, e.Timestamp, stepId, "skipped", null, null, emit: false);
        }
    }

    private void Finish(int row, DateTime at, string stepId, string status, JsonNode? output, string? error, bool emit = true)
    {
        var step = Step(stepId);
        step.Status = status;
        step.Output = output;
        step.Error = error;
        step.CompletedAt = at;
        if (emit)
        {
            Emit(row, 0, "step." + status, at, stepId, new JsonObject { ["output"] = output?.DeepClone() });
        }
    }

    private StepState Step(string id)
    {
        if (!_steps.TryGetValue(id, out var s))
        {
            _steps[id] = s = new StepState();
        }

        return s;
    }

    private JsonNode? PlanJson() => Plan is null ? null : JsonNode.Parse(Plan.ToJson());
}
