using AgentFlows.History;
using AgentFlows.Storage;

namespace AgentFlows.Execution;

/// <summary>The mutable state of one episode while it is being built.</summary>
internal sealed partial class EpisodeRunner
{
    private sealed partial class Episode(EpisodeRunner runner, InstanceRecord row, DateTime now)
    {
        private OrchestrationRuntimeStatus _status = row.Status;
        private HistoryEvent? _terminate;

        public OrchestrationSession Session { get; set; } = null!;

        public bool ReplaceHistory { get; init; }

        public List<HistoryEvent> History { get; } = [];

        public List<OrchestrationMessage> Outbox { get; } = [];

        private List<ActivityMessage> Activities { get; } = [];

        private List<NewInstance> Children { get; } = [];

        public EpisodeResult Execute(List<OrchestrationMessage> messages)
        {
            Record(new HistoryEvent { EventType = EventType.OrchestratorStarted, Timestamp = now }, apply: true);
            foreach (var m in messages)
            {
                if (_terminate is not null)
                {
                    break;
                }

                Handle(m);
            }

            if (_terminate is not null)
            {
                return Terminate();
            }

            if (Session.Outcome is { } outcome)
            {
                return Session.ContinueAsNew is { } can && outcome.Failure is null ? ContinueAsNew(can) : Finish(outcome);
            }

            EmitActions();
            if (Session.IsStarted && _status == OrchestrationRuntimeStatus.Pending)
            {
                _status = OrchestrationRuntimeStatus.Running;
            }

            return Commit(keepSession: true);
        }

        private void Handle(OrchestrationMessage m)
        {
            var e = m.Event;
            switch (e.EventType)
            {
                case EventType.ExecutionTerminated:
                    _terminate = e;
                    break;
                case EventType.ExecutionSuspended when _status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending:
                    _status = OrchestrationRuntimeStatus.Suspended;
                    Record(e with { Timestamp = now }, apply: false);
                    break;
                case EventType.ExecutionResumed when _status == OrchestrationRuntimeStatus.Suspended:
                    _status = Session.IsStarted ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Pending;
                    Record(e with { Timestamp = now }, apply: false);
                    break;
                case EventType.ExecutionSuspended or EventType.ExecutionResumed or EventType.ExecutionRewound:
                    break;
                case EventType.ExecutionStarted when Session.IsStarted:
                    RejectDuplicateStart(e);
                    break;
                case var _ when _status == OrchestrationRuntimeStatus.Suspended:
                    // Held, not dropped: re-queued behind the suspend and delivered once resumed.
                    Outbox.Add(m with { Sequence = 0 });
                    break;
                default:
                    Record(e, apply: true);
                    break;
            }
        }

        private void Record(HistoryEvent e, bool apply)
        {
            if (!apply)
            {
                History.Add(e);
                return;
            }

            var stamped = e.EventType == EventType.OrchestratorStarted ? e : e with { Timestamp = now };
            History.AddRange(Session.Apply([stamped], replaying: false));
        }

        private void RejectDuplicateStart(HistoryEvent e)
        {
            if (e.ParentInstance is { } parent && e.ExecutionId != Session.ExecutionId)
            {
                var failure = new FailureDetails(
                    typeof(OrchestrationAlreadyExistsException).FullName!,
                    $"An orchestration with instance id '{row.InstanceId}' already exists and is {_status}.",
                    IsNonRetriable: true);
                Outbox.Add(ToParent(parent, EventType.SubOrchestrationInstanceFailed, null, failure));
            }
        }

        private OrchestrationMessage ToParent(ParentOrchestrationInstance parent, EventType type, string? result, FailureDetails? failure) =>
            new(parent.InstanceId, new HistoryEvent
            {
                EventType = type,
                Timestamp = now,
                TaskScheduledId = parent.TaskScheduledId,
                ExecutionId = parent.ExecutionId,
                Result = result,
                FailureDetails = failure,
                Reason = failure?.ErrorMessage,
            }, now);
    }
}
