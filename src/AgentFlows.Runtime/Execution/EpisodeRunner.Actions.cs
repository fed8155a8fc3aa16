using AgentFlows.History;
using AgentFlows.Storage;

namespace AgentFlows.Execution;

/// <summary>Turning the session's new actions into history rows and outgoing messages.</summary>
internal sealed partial class EpisodeRunner
{
    private sealed partial class Episode
    {
        private void EmitActions()
        {
            var actions = Session.NewActions;
            if (actions.Count > runner.Limits.MaxActionsPerEpisode)
            {
                throw new InvalidOperationException(
                    $"The episode produced {actions.Count} actions, over the limit of {runner.Limits.MaxActionsPerEpisode}.");
            }

            foreach (var action in actions)
            {
                var e = action with { Timestamp = now };
                History.Add(e);
                switch (e.EventType)
                {
                    case EventType.TaskScheduled:
                        Activities.Add(new ActivityMessage(row.InstanceId, Session.ExecutionId, e));
                        break;
                    case EventType.TimerCreated:
                        Outbox.Add(new OrchestrationMessage(row.InstanceId, new HistoryEvent
                        {
                            EventType = EventType.TimerFired,
                            Timestamp = e.FireAt!.Value,
                            TimerId = e.EventId,
                            FireAt = e.FireAt,
                            ExecutionId = Session.ExecutionId,
                            Attempt = e.Attempt,
                            IsRetryTimer = e.IsRetryTimer,
                        }, e.FireAt.Value));
                        break;
                    case EventType.SubOrchestrationInstanceCreated:
                        Children.Add(NewChild(e));
                        break;
                    case EventType.EventSent:
                        Outbox.Add(new OrchestrationMessage(e.InstanceId!, new HistoryEvent
                        {
                            EventType = EventType.EventRaised, Timestamp = now, Name = e.Name, Input = e.Input,
                        }, now));
                        break;
                }
            }

            Session.MarkActionsRecorded();
        }

        private NewInstance NewChild(HistoryEvent created)
        {
            var executionId = Guid.CreateVersion7(now).ToString("N");
            var parent = new ParentOrchestrationInstance(Session.Name, row.InstanceId, Session.ExecutionId, created.EventId);
            var start = new HistoryEvent
            {
                EventType = EventType.ExecutionStarted,
                Timestamp = now,
                Name = created.Name,
                Input = created.Input,
                ExecutionId = executionId,
                ParentInstance = parent,
                Tags = created.Tags,
                Version = created.Version,
            };
            var instance = new InstanceRecord
            {
                InstanceId = created.InstanceId!,
                Name = created.Name!,
                ExecutionId = executionId,
                Status = OrchestrationRuntimeStatus.Pending,
                Input = created.Input,
                CreatedAt = now,
                LastUpdatedAt = now,
                ParentInstanceId = row.InstanceId,
                Tags = created.Tags,
            };
            return new NewInstance(instance, new OrchestrationMessage(instance.InstanceId, start, now));
        }
    }
}
