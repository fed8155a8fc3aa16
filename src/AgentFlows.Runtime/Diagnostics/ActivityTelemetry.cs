using System.Diagnostics;
using AgentFlows.History;
using AgentFlows.Storage;

namespace AgentFlows.Diagnostics;

/// <summary>
/// The span and measurements of one activity attempt. The span is a child of the episode that scheduled the attempt
/// (its context rides in the TaskScheduled message), and is current while the activity runs, so calls the activity
/// makes (an LLM, a store) nest under it.
/// </summary>
internal sealed class ActivityTelemetry : IDisposable
{
    private readonly Activity? _span;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly KeyValuePair<string, object?> _name;

    private ActivityTelemetry(ActivityWorkItem item, TimeProvider time)
    {
        var scheduled = item.Message.Event;
        _time = time;
        _started = time.GetTimestamp();
        _name = new("activity", scheduled.Name ?? "?");
        var attempt = scheduled.Attempt ?? 1;
        if (attempt > 1)
        {
            RuntimeTelemetry.ActivityRetries.Add(1, _name);
        }

        _span = RuntimeTelemetry.Source.StartActivity(ActivityKind.Internal, RuntimeTelemetry.Parse(scheduled.TraceParent), name: "activity " + scheduled.Name);
        _span?.SetTag("agentflows.instance_id", item.Message.InstanceId);
        _span?.SetTag("agentflows.activity", scheduled.Name);
        _span?.SetTag("agentflows.task_id", scheduled.EventId);
        _span?.SetTag("agentflows.attempt", attempt);
    }

    /// <summary>Starts measuring an attempt; the span becomes the current one.</summary>
    /// <param name="item">The attempt.</param>
    /// <param name="time">The clock.</param>
    /// <returns>The telemetry, to dispose when the attempt is over.</returns>
    public static ActivityTelemetry Start(ActivityWorkItem item, TimeProvider time) => new(item, time);

    /// <summary>Records the attempt's result.</summary>
    /// <param name="result">TaskCompleted or TaskFailed.</param>
    public void Finished(HistoryEvent result)
    {
        var failed = result.EventType == EventType.TaskFailed;
        Record(failed ? "failed" : "completed");
        if (failed)
        {
            RuntimeTelemetry.ActivityErrors.Add(1, _name);
            _span?.SetStatus(ActivityStatusCode.Error, result.FailureDetails?.ErrorType);
        }
    }

    /// <summary>Records an attempt given back because the host is stopping.</summary>
    public void Abandoned() => Record("abandoned");

    /// <inheritdoc/>
    public void Dispose() => _span?.Dispose();

    private void Record(string outcome)
    {
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        RuntimeTelemetry.ActivityDuration.Record(_time.GetElapsedTime(_started).TotalSeconds, _name, outcomeTag);
        RuntimeTelemetry.ActivityExecutions.Add(1, _name, outcomeTag);
        _span?.SetTag("agentflows.outcome", outcome);
    }
}
