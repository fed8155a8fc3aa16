using AgentFlows.History;
using AgentFlows.Storage;

namespace AgentFlows.Execution;

/// <summary>An episode that throws (a limit, an engine fault) fails its instance instead of looping forever.</summary>
internal sealed partial class EpisodeRunner
{
    /// <summary>Runs the episode; an unexpected exception fails the instance with that exception's details.</summary>
    /// <param name="item">The work item.</param>
    /// <param name="cached">The cached session.</param>
    /// <param name="history">The stored history.</param>
    /// <returns>The result.</returns>
    public EpisodeResult RunSafely(OrchestrationWorkItem item, OrchestrationSession? cached, IReadOnlyList<HistoryEvent>? history)
    {
        try
        {
            return Run(item, cached, history);
        }
        catch (Exception ex)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var failure = FailureDetails.FromException(ex);
            var checkpoint = new OrchestrationCheckpoint
            {
                Instance = item.Instance with
                {
                    Status = OrchestrationRuntimeStatus.Failed,
                    Output = failure.ToString(),
                    FailureDetails = failure,
                    LastUpdatedAt = now,
                    CompletedAt = now,
                },
                NewHistory =
                [
                    new HistoryEvent { EventType = EventType.OrchestratorStarted, Timestamp = now },
                    new HistoryEvent { EventType = EventType.ExecutionCompleted, Timestamp = now, OrchestrationStatus = OrchestrationRuntimeStatus.Failed, Result = failure.ToString(), FailureDetails = failure },
                    new HistoryEvent { EventType = EventType.OrchestratorCompleted, Timestamp = now },
                ],
            };
            return new EpisodeResult(checkpoint, null);
        }
    }
}
