using System.Text.Json.Nodes;
using AgentFlows.History;
using AgentFlows.Http.Internal;

namespace AgentFlows.Http.Payloads;

/// <summary>What the caller asked to see in history rows.</summary>
/// <param name="ShowInput">Write <c>Input</c> fields.</param>
/// <param name="ShowOutput">Write <c>Result</c> fields.</param>
internal readonly record struct RowOptions(bool ShowInput, bool ShowOutput);

/// <summary>Builds one <c>historyEvents</c> row: <c>EventType</c> first, the type's DTFx fields, <c>Timestamp</c> last.</summary>
internal static class HistoryRows
{
    public static JsonObject Build(HistoryEvent e, HistoryEvent? scheduled, RowOptions options)
    {
        var row = new JsonObject { ["EventType"] = e.EventType.ToString() };
        switch (e.EventType)
        {
            case EventType.ExecutionStarted:
                row["FunctionName"] = e.Name;
                AddInput(row, e.Input, options);
                break;
            case EventType.ExecutionCompleted or EventType.ContinueAsNew or EventType.ExecutionFailed:
                row["OrchestrationStatus"] = e.OrchestrationStatus?.ToString();
                AddResult(row, e.Result, options);
                AddFailure(row, e.FailureDetails);
                break;
            case EventType.ExecutionTerminated:
                AddInput(row, e.Input ?? e.Reason, options);
                break;
            case EventType.TaskScheduled:
                row["Name"] = e.Name;
                AddInput(row, e.Input, options);
                AddAttempt(row, e);
                break;
            case EventType.SubOrchestrationInstanceCreated:
                row["Name"] = e.Name;
                row["InstanceId"] = e.InstanceId;
                AddInput(row, e.Input, options);
                break;
            case EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted:
                AddScheduled(row, scheduled, options);
                AddResult(row, e.Result, options);
                AddScheduledTime(row, scheduled);
                break;
            case EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed:
                AddScheduled(row, scheduled, options);
                row["Reason"] = e.Reason ?? e.FailureDetails?.ErrorMessage;
                row["Details"] = null;
                AddFailure(row, e.FailureDetails);
                AddScheduledTime(row, scheduled);
                break;
            case EventType.TimerCreated or EventType.TimerFired:
                row["FireAt"] = e.FireAt is { } fireAt ? Timestamps.Full(fireAt) : null;
                if (e.IsRetryTimer == true)
                {
                    row["IsRetryTimer"] = true;
                }

                break;
            case EventType.EventRaised:
                row["Name"] = e.Name;
                AddInput(row, e.Input, options);
                break;
            case EventType.EventSent:
                row["InstanceId"] = e.InstanceId;
                row["Name"] = e.Name;
                AddInput(row, e.Input, options);
                break;
            case EventType.ExecutionSuspended or EventType.ExecutionResumed or EventType.ExecutionRewound:
                row["Reason"] = e.Reason;
                break;
            case EventType.GenericEvent:
                // A patch marker shows which patch it records ("Patched: <name>"); other generic rows their data.
                row["Data"] = PatchMarkers.TryRead(e, out _) ? e.Reason : e.Input;
                break;
        }

        row["Timestamp"] = Timestamps.Full(e.Timestamp);
        return row;
    }

    // Inputs stay the stored JSON text (a string), as DTFx history rows carry them.
    private static void AddInput(JsonObject row, string? input, RowOptions options)
    {
        if (options.ShowInput)
        {
            row["Input"] = input;
        }
    }

    private static void AddResult(JsonObject row, string? result, RowOptions options)
    {
        if (options.ShowOutput)
        {
            row["Result"] = JsonPayload.Parse(result);
        }
    }

    private static void AddScheduled(JsonObject row, HistoryEvent? scheduled, RowOptions options)
    {
        if (scheduled is null)
        {
            return;
        }

        row["FunctionName"] = scheduled.Name;
        AddInput(row, scheduled.Input, options);
        AddAttempt(row, scheduled);
    }

    private static void AddScheduledTime(JsonObject row, HistoryEvent? scheduled)
    {
        if (scheduled is not null)
        {
            row["ScheduledTime"] = Timestamps.Full(scheduled.Timestamp);
        }
    }

    private static void AddAttempt(JsonObject row, HistoryEvent scheduled)
    {
        if (scheduled.Attempt is { } attempt)
        {
            row["Attempt"] = attempt;
        }
    }

    private static void AddFailure(JsonObject row, FailureDetails? failure)
    {
        if (failure is not null)
        {
            row["FailureDetails"] = ToJson(failure);
        }
    }

    private static JsonObject ToJson(FailureDetails failure) => new()
    {
        ["ErrorType"] = failure.ErrorType,
        ["ErrorMessage"] = failure.ErrorMessage,
        ["StackTrace"] = failure.StackTrace,
        ["InnerFailure"] = failure.InnerFailure is null ? null : ToJson(failure.InnerFailure),
        ["IsNonRetriable"] = failure.IsNonRetriable,
    };
}
