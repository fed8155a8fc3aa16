using AgentFlows.History;
using AgentFlows.Serialization;
using AgentFlows.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Execution;

/// <summary>
/// Runs one episode of one instance: applies the work item's messages to the instance's session and turns what the
/// orchestrator code did into one checkpoint. Pure with respect to storage, so it is tested without a store.
/// </summary>
internal sealed partial class EpisodeRunner(
    DataConverter converter, Func<string, ITaskOrchestrator?> resolve, ILoggerFactory loggerFactory, RuntimeLimits limits, TimeProvider time, VersionCheck? versions = null)
{
    private RuntimeLimits Limits => limits;

    /// <summary>Runs the episode.</summary>
    /// <param name="item">The locked work item.</param>
    /// <param name="cached">A live session from the previous episode at the same version, if any.</param>
    /// <param name="history">The stored history (needed when <paramref name="cached"/> is null).</param>
    /// <returns>The checkpoint and the session to keep.</returns>
    public EpisodeResult Run(OrchestrationWorkItem item, OrchestrationSession? cached, IReadOnlyList<HistoryEvent>? history)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var row = item.Instance;
        var messages = OrderMessages(item.Messages);
        if (row.Status.IsTerminal())
        {
            var rewind = messages.FirstOrDefault(m => m.Event.EventType == EventType.ExecutionRewound);
            if (row.Status != OrchestrationRuntimeStatus.Failed || rewind is null)
            {
                // Late results, events and requests for a finished instance are consumed and dropped.
                return new EpisodeResult(new OrchestrationCheckpoint { Instance = row }, null);
            }

            return RunRewound(item, rewind, history ?? [], messages.Where(m => m != rewind).ToList(), now);
        }

        var episode = new Episode(this, row, now);
        episode.Session = cached ?? NewSession(row.InstanceId);
        if (cached is null)
        {
            episode.Session.Apply(history ?? [], replaying: true);
        }

        return episode.Execute(messages);
    }

    private EpisodeResult RunRewound(
        OrchestrationWorkItem item, OrchestrationMessage rewind, IReadOnlyList<HistoryEvent> history, List<OrchestrationMessage> rest, DateTime now)
    {
        var (rewound, children) = Rewinder.Rewind(history);
        var row = item.Instance with { Status = OrchestrationRuntimeStatus.Running, Output = null, FailureDetails = null, CompletedAt = null };
        var episode = new Episode(this, row, now) { Session = NewSession(row.InstanceId), ReplaceHistory = true };
        episode.Session.Apply(rewound, replaying: true);
        episode.History.AddRange(rewound);
        episode.History.Add(new HistoryEvent { EventType = EventType.ExecutionRewound, Timestamp = now, Reason = rewind.Event.Reason });
        foreach (var child in children)
        {
            episode.Outbox.Add(new OrchestrationMessage(child, new HistoryEvent
            {
                EventType = EventType.ExecutionRewound, Timestamp = now, Reason = rewind.Event.Reason,
            }, now));
        }

        return episode.Execute(rest);
    }

    private OrchestrationSession NewSession(string instanceId) => new(instanceId, converter, resolve, loggerFactory, limits, versions);

    private static List<OrchestrationMessage> OrderMessages(IReadOnlyList<OrchestrationMessage> messages)
    {
        // A new execution's start goes first: after continue-as-new, older messages may sit ahead of it in the inbox.
        var list = messages.OrderBy(m => m.Sequence).ToList();
        var start = list.FindIndex(m => m.Event.EventType == EventType.ExecutionStarted);
        if (start > 0)
        {
            var s = list[start];
            list.RemoveAt(start);
            list.Insert(0, s);
        }

        return list;
    }
}
