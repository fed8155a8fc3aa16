using System.Diagnostics;
using AgentFlows.Execution;
using AgentFlows.History;
using AgentFlows.Storage;

namespace AgentFlows.Diagnostics;

/// <summary>
/// The span and counters of one orchestration episode. The span is a child of the run's trace context (recorded in
/// ExecutionStarted), so every episode of a run, on any host and after any number of replays, is in one trace; the
/// activities and sub-orchestrations the episode schedules carry the span's context in their messages.
/// </summary>
/// <param name="item">The work item.</param>
internal sealed class EpisodeTelemetry(OrchestrationWorkItem item) : IDisposable
{
    private Activity? _span;
    private string? _traceParent;

    private string OrchestrationName => item.Instance.Name;

    /// <summary>Starts the span, once the history (if the episode reads it) is known.</summary>
    /// <param name="history">The stored history, or null for an episode over a session kept in memory.</param>
    public void Begin(IReadOnlyList<HistoryEvent>? history)
    {
        _traceParent = TraceParents.Find(item, history);
        _span = RuntimeTelemetry.Source.StartActivity(ActivityKind.Internal, RuntimeTelemetry.Parse(_traceParent), name: "orchestration " + OrchestrationName);
        _span?.SetTag("agentflows.instance_id", item.Instance.InstanceId);
        _span?.SetTag("agentflows.orchestration", OrchestrationName);
        _span?.SetTag("agentflows.messages", item.Messages.Count);
        _span?.SetTag("agentflows.replayed", history is not null);
    }

    /// <summary>Writes the trace context into the messages the episode sends, so their work joins the run's trace.</summary>
    /// <param name="result">The episode's result.</param>
    /// <returns>The result with its outgoing messages stamped.</returns>
    public EpisodeResult Stamp(EpisodeResult result)
    {
        var context = _span?.Id ?? _traceParent;
        if (context is null)
        {
            return result;
        }

        var checkpoint = result.Checkpoint;
        HistoryEvent Stamped(HistoryEvent e) => e.TraceParent is null ? e with { TraceParent = context } : e;
        return result with
        {
            Checkpoint = checkpoint with
            {
                ActivityMessages = [.. checkpoint.ActivityMessages.Select(m => m with { Event = Stamped(m.Event) })],
                NewInstances = [.. checkpoint.NewInstances.Select(n => n with { Start = n.Start with { Event = Stamped(n.Start.Event) } })],
                OrchestratorMessages = [.. checkpoint.OrchestratorMessages.Select(m => m.Event.EventType == EventType.ExecutionStarted ? m with { Event = Stamped(m.Event) } : m)],
            },
        };
    }

    /// <summary>Counts a committed episode, and the start and end of its execution.</summary>
    /// <param name="result">The committed result.</param>
    public void Committed(EpisodeResult result)
    {
        var status = result.Checkpoint.Instance.Status;
        var name = new KeyValuePair<string, object?>("orchestration", OrchestrationName);
        RuntimeTelemetry.Episodes.Add(1, name, new("outcome", "committed"));
        if (item.Messages.Any(m => m.Event.EventType == EventType.ExecutionStarted) && !item.Instance.Status.IsTerminal())
        {
            RuntimeTelemetry.Started.Add(1, name);
        }

        if (status.IsTerminal() && !item.Instance.Status.IsTerminal())
        {
            RuntimeTelemetry.Completed.Add(1, name, new("status", status.ToString()));
            TraceParents.Forget(item.Instance.InstanceId);
        }

        _span?.SetTag("agentflows.status", status.ToString());
    }

    /// <summary>Counts an episode whose result was discarded.</summary>
    /// <param name="outcome">lease_lost or error.</param>
    /// <param name="exception">The error, if any.</param>
    public void Discarded(string outcome, Exception? exception = null)
    {
        RuntimeTelemetry.Episodes.Add(1, new("orchestration", OrchestrationName), new("outcome", outcome));
        _span?.SetStatus(ActivityStatusCode.Error, exception?.Message ?? outcome);
    }

    /// <inheritdoc/>
    public void Dispose() => _span?.Dispose();
}
