using System.Text;
using AgentFlows.History;
using AgentFlows.Storage;

namespace AgentFlows.Execution;

/// <summary>How an episode ends: still running, finished, terminated or continued as new.</summary>
internal sealed partial class EpisodeRunner
{
    private sealed partial class Episode
    {
        private EpisodeResult Finish(ExecutionOutcome outcome)
        {
            outcome = CheckPayloadLimits(outcome);
            EmitActions();
            var status = outcome.Failure is null ? OrchestrationRuntimeStatus.Completed : OrchestrationRuntimeStatus.Failed;
            History.Add(new HistoryEvent
            {
                EventType = EventType.ExecutionCompleted,
                Timestamp = now,
                OrchestrationStatus = status,
                Result = outcome.Output,
                FailureDetails = outcome.Failure,
            });
            if (Session.Parent is { } parent)
            {
                Outbox.Add(outcome.Failure is null
                    ? ToParent(parent, EventType.SubOrchestrationInstanceCompleted, outcome.Output, null)
                    : ToParent(parent, EventType.SubOrchestrationInstanceFailed, null, outcome.Failure));
            }

            _status = status;
            return Commit(keepSession: false, output: outcome.Output, failure: outcome.Failure);
        }

        private EpisodeResult Terminate()
        {
            var reason = _terminate!.Input;
            History.Add(_terminate with { Timestamp = now });
            History.Add(new HistoryEvent
            {
                EventType = EventType.ExecutionCompleted, Timestamp = now, OrchestrationStatus = OrchestrationRuntimeStatus.Terminated, Result = reason,
            });
            if (_terminate.Recurse == true)
            {
                foreach (var child in Session.RunningChildren)
                {
                    Outbox.Add(new OrchestrationMessage(child, _terminate with { Timestamp = now }, now));
                }
            }

            if (Session.Parent is { } parent)
            {
                var failure = new FailureDetails("AgentFlows.OrchestrationTerminated", $"The sub-orchestration '{row.InstanceId}' was terminated: {reason}", IsNonRetriable: true);
                Outbox.Add(ToParent(parent, EventType.SubOrchestrationInstanceFailed, null, failure));
            }

            _status = OrchestrationRuntimeStatus.Terminated;
            return Commit(keepSession: false, output: reason);
        }

        private EpisodeResult ContinueAsNew(ContinueAsNewRequest request)
        {
            var executionId = Guid.CreateVersion7(now).ToString("N");
            EmitActions();

            // The old execution's history goes; its outgoing work is still delivered, as in Durable Functions.
            History.Clear();
            Outbox.Insert(0, new OrchestrationMessage(row.InstanceId, new HistoryEvent
            {
                EventType = EventType.ExecutionStarted,
                Timestamp = now,
                Name = Session.Name,
                Input = request.Input,
                ExecutionId = executionId,
                ParentInstance = Session.Parent,

                // The new execution keeps the version, as continue-as-new does in Durable Functions.
                Version = Session.Version is { Length: > 0 } version ? version : null,
            }, now));
            if (request.PreserveUnprocessedEvents)
            {
                foreach (var (name, payload) in Session.DrainBufferedEvents())
                {
                    Outbox.Insert(1, new OrchestrationMessage(row.InstanceId, new HistoryEvent
                    {
                        EventType = EventType.EventRaised, Timestamp = now, Name = name, Input = payload,
                    }, now));
                }
            }

            _status = OrchestrationRuntimeStatus.ContinuedAsNew;
            var result = Commit(keepSession: false, replaceHistory: true);
            return result with { Checkpoint = result.Checkpoint with { Instance = result.Checkpoint.Instance with { Input = request.Input, ExecutionId = executionId } } };
        }

        private ExecutionOutcome CheckPayloadLimits(ExecutionOutcome outcome)
        {
            var size = Encoding.UTF8.GetByteCount(outcome.Output ?? string.Empty);
            if (outcome.Failure is null && size > runner.Limits.MaxPayloadBytes)
            {
                return ExecutionOutcome.Fail(FailureDetails.FromException(new PayloadTooLargeException("orchestration output", size, runner.Limits.MaxPayloadBytes)));
            }

            return outcome;
        }

        private EpisodeResult Commit(bool keepSession, string? output = null, FailureDetails? failure = null, bool replaceHistory = false)
        {
            History.Add(new HistoryEvent { EventType = EventType.OrchestratorCompleted, Timestamp = now });
            var terminal = _status.IsTerminal();
            var instance = row with
            {
                Name = Session.IsStarted ? Session.Name : row.Name,
                Status = _status,
                Output = terminal ? output : row.Output,
                FailureDetails = failure,
                CustomStatus = Session.CustomStatus ?? row.CustomStatus,
                LastUpdatedAt = now,
                CompletedAt = terminal ? now : null,
            };
            var checkpoint = new OrchestrationCheckpoint
            {
                Instance = instance,
                NewHistory = replaceHistory ? [] : History,
                ReplaceHistory = ReplaceHistory || replaceHistory,
                OrchestratorMessages = Outbox,
                ActivityMessages = Activities,
                NewInstances = Children,
            };
            return new EpisodeResult(checkpoint, keepSession ? Session : null);
        }
    }
}
