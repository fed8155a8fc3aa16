using AgentFlows.History;

namespace AgentFlows.Storage.InMemory;

/// <summary>The work-item half of the in-memory store: locks, checkpoints, activity attempts.</summary>
public sealed partial class InMemoryOrchestrationStore
{
    /// <inheritdoc/>
    public Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = Now;
            InstanceState? best = null;
            long bestSeq = long.MaxValue;
            foreach (var s in _instances.Values)
            {
                if (s.LockToken is not null && s.LockedUntil > now)
                {
                    continue;
                }

                foreach (var m in s.Inbox)
                {
                    if (m.VisibleAt <= now && IsDeliverable(s.Row.Status, m.Event) && m.Sequence < bestSeq)
                    {
                        best = s;
                        bestSeq = m.Sequence;
                        break;
                    }
                }
            }

            if (best is null)
            {
                return Task.FromResult<OrchestrationWorkItem?>(null);
            }

            best.LockToken = NewToken();
            best.LockedUntil = now + lease;

            // If this worker dies, its lease expiry is when another must look again.
            _signal.Notify(WorkItemKind.Orchestration, best.LockedUntil);
            var messages = best.Inbox.Where(m => m.VisibleAt <= now && IsDeliverable(best.Row.Status, m.Event)).ToList();
            return Task.FromResult<OrchestrationWorkItem?>(new OrchestrationWorkItem
            {
                Instance = best.Row,
                Messages = messages,
                LockToken = best.LockToken,
                LockedUntil = best.LockedUntil,
            });
        }
    }

    /// <inheritdoc/>
    public Task<long> CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        long version;
        bool moreWaiting;
        lock (_gate)
        {
            var s = Fence(workItem);
            var consumed = workItem.Messages.Select(m => m.Sequence).ToHashSet();
            s.Inbox.RemoveAll(m => consumed.Contains(m.Sequence));
            if (checkpoint.ReplaceHistory)
            {
                s.History.Clear();
            }

            s.History.AddRange(checkpoint.NewHistory);
            version = workItem.Instance.Version + 1;
            s.Row = checkpoint.Instance with { Version = version };
            s.LockToken = null;
            foreach (var child in checkpoint.NewInstances)
            {
                if (!_instances.TryGetValue(child.Instance.InstanceId, out var existing) || existing.Row.Status.IsTerminal())
                {
                    Upsert(child.Instance);
                }

                Enqueue(child.Start);
            }

            foreach (var m in checkpoint.OrchestratorMessages)
            {
                Enqueue(m);
            }

            foreach (var a in checkpoint.ActivityMessages)
            {
                _activities.Add(++_sequence, new ActivityRow(a));
            }

            // Messages that arrived while the instance was locked became lockable just now: wake a worker for them.
            var now = Now;
            moreWaiting = s.Inbox.Exists(m => m.VisibleAt <= now);
        }

        NotifyAfterCheckpoint(checkpoint);
        if (moreWaiting)
        {
            _signal.Notify(WorkItemKind.Orchestration, Now);
        }

        return Task.FromResult(version);
    }

    /// <inheritdoc/>
    public Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(workItem.Instance.InstanceId, out var s) && s.LockToken == workItem.LockToken)
            {
                s.LockToken = null;
            }
        }

        _signal.Notify(WorkItemKind.Orchestration, Now);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<OrchestrationWorkItem> RenewOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var s = Fence(workItem);
            s.LockedUntil = Now + lease;
            return Task.FromResult(workItem with { LockedUntil = s.LockedUntil });
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(string workerId, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = Now;
            var items = new List<ActivityWorkItem>();
            foreach (var (seq, row) in _activities)
            {
                if (items.Count >= maxCount)
                {
                    break;
                }

                if (row.LockToken is not null && row.LockedUntil > now)
                {
                    continue;
                }

                row.LockToken = NewToken();
                row.LockedUntil = now + lease;
                row.DequeueCount++;
                items.Add(new ActivityWorkItem { Sequence = seq, Message = row.Message, LockToken = row.LockToken, LockedUntil = row.LockedUntil, DequeueCount = row.DequeueCount });
            }

            if (items.Count > 0)
            {
                _signal.Notify(WorkItemKind.Activity, now + lease);
            }

            return Task.FromResult<IReadOnlyList<ActivityWorkItem>>(items);
        }
    }

    /// <inheritdoc/>
    public Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_activities.TryGetValue(workItem.Sequence, out var row) || row.LockToken != workItem.LockToken || row.LockedUntil <= Now)
            {
                return Task.FromResult(false);
            }

            _activities.Remove(workItem.Sequence);
            Enqueue(result);
        }

        _signal.Notify(WorkItemKind.Orchestration, result.VisibleAt);
        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_activities.TryGetValue(workItem.Sequence, out var row) && row.LockToken == workItem.LockToken)
            {
                row.LockToken = null;
            }
        }

        _signal.Notify(WorkItemKind.Activity, Now);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ActivityWorkItem> RenewActivityAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_activities.TryGetValue(workItem.Sequence, out var row) || row.LockToken != workItem.LockToken || row.LockedUntil <= Now)
            {
                throw new LeaseLostException($"The lease on activity #{workItem.Sequence} was lost.");
            }

            row.LockedUntil = Now + lease;
            return Task.FromResult(workItem with { LockedUntil = row.LockedUntil });
        }
    }

    /// <summary>Whether a message may be delivered to an instance in <paramref name="status"/>: a suspended instance only takes resume and terminate.</summary>
    /// <param name="status">The instance status.</param>
    /// <param name="e">The message event.</param>
    /// <returns>Whether it is deliverable.</returns>
    internal static bool IsDeliverable(OrchestrationRuntimeStatus status, HistoryEvent e) =>
        status != OrchestrationRuntimeStatus.Suspended || e.EventType is EventType.ExecutionResumed or EventType.ExecutionTerminated;

    private InstanceState Fence(OrchestrationWorkItem workItem)
    {
        if (!_instances.TryGetValue(workItem.Instance.InstanceId, out var s) || s.LockToken != workItem.LockToken ||
            s.Row.Version != workItem.Instance.Version || s.LockedUntil <= Now)
        {
            throw new LeaseLostException($"The lease on instance '{workItem.Instance.InstanceId}' was lost; the episode is discarded.");
        }

        return s;
    }

    private void NotifyAfterCheckpoint(OrchestrationCheckpoint checkpoint)
    {
        if (checkpoint.ActivityMessages.Count > 0)
        {
            _signal.Notify(WorkItemKind.Activity, Now);
        }

        foreach (var m in checkpoint.OrchestratorMessages)
        {
            _signal.Notify(WorkItemKind.Orchestration, m.VisibleAt);
        }

        if (checkpoint.NewInstances.Count > 0)
        {
            _signal.Notify(WorkItemKind.Orchestration, Now);
        }
    }
}
