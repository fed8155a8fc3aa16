using AgentFlows.History;

namespace AgentFlows.Execution;

/// <summary>Recording the actions orchestrator code asks for, and matching them against history.</summary>
internal sealed partial class OrchestrationSession
{
    private void AddAction(HistoryEvent action, CallSite site = default)
    {
        _newActions.Add(action);
        var key = (action.EventType, action.EventId, action.Attempt ?? 1);
        _unmatched[key] = action;
        if (IsReplaying && site.Line > 0)
        {
            // Only replayed actions can mismatch; remembering where each was asked for names the line in the error.
            _callSites[key] = site;
        }
    }

    private void MatchRecordedAction(HistoryEvent recorded)
    {
        var key = (recorded.EventType, recorded.EventId, recorded.Attempt ?? 1);
        if (_unmatched.Remove(key, out var asked))
        {
            _newActions.Remove(asked);
            if (!string.Equals(asked.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
            {
                FailNonDeterministic(NonDeterminismDiff(recorded, asked, $"the current replay instead scheduled one named '{asked.Name}'"));
            }

            return;
        }

        var other = _newActions.FirstOrDefault(a => a.EventId == recorded.EventId && a.IsRetryTimer == recorded.IsRetryTimer);
        var instead = other is null
            ? "the current replay did not schedule anything with that sequence number"
            : $"the current replay instead scheduled {Kind(other)} named '{other.Name}'";
        FailNonDeterministic(NonDeterminismDiff(recorded, other, instead));
    }

    private bool CompleteCall(HistoryEvent e, bool replaying)
    {
        if (!IsForThisExecution(e, replaying) || !TryGetLiveCall(e, out var call))
        {
            return false;
        }

        _calls.Remove(call.Id);
        _finishedIds.Add(call.Id);
        call.Completion.SetResult(e.Result);
        return true;
    }

    private bool FailCall(HistoryEvent e, bool replaying)
    {
        if (!IsForThisExecution(e, replaying) || !TryGetLiveCall(e, out var call))
        {
            return false;
        }

        var failure = e.FailureDetails ?? new FailureDetails("AgentFlows.UnknownFailure", e.Reason ?? "The task failed.");
        var exception = new TaskFailedException(call.Name, call.Id, failure);
        var delay = NextRetryDelay(call, exception);
        if (delay is { } wait)
        {
            // The retry is part of the same call: its timer shares the call's sequence number, so the retries of one
            // call never shift the numbering of the calls after it (and rewind can drop the whole chain).
            call.WaitingForRetry = true;
            AddAction(new HistoryEvent
            {
                EventType = EventType.TimerCreated,
                EventId = call.Id,
                Attempt = call.Attempt,
                IsRetryTimer = true,
                FireAt = CurrentUtcDateTime.Add(wait),
                Name = call.Name,
            }, call.Site);
            return true;
        }

        _calls.Remove(call.Id);
        _finishedIds.Add(call.Id);
        call.Completion.SetException(exception);
        return true;
    }

    private TimeSpan? NextRetryDelay(OpenCall call, TaskFailedException exception)
    {
        var policy = call.Retry;
        if (policy is null || exception.FailureDetails.IsNonRetriable || call.Attempt >= policy.MaxNumberOfAttempts)
        {
            return null;
        }

        if (policy.Handle is { } handle && !handle(exception))
        {
            return null;
        }

        var delay = policy.GetDelay(call.Attempt, Jitter.Seed(InstanceId, call.Id, call.Attempt));
        if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime.Add(delay) > call.FirstAttemptAt.Add(policy.RetryTimeout))
        {
            return null;
        }

        return delay;
    }

    private bool FireTimer(HistoryEvent e)
    {
        if (e.IsRetryTimer == true)
        {
            if (!_calls.TryGetValue(e.TimerId ?? -1, out var call) || !call.WaitingForRetry || call.Attempt != (e.Attempt ?? 1) ||
                (e.ExecutionId is not null && e.ExecutionId != ExecutionId))
            {
                return false;
            }

            call.WaitingForRetry = false;
            call.Attempt++;
            AddAction(ScheduledEvent(call), call.Site);
            return true;
        }

        if (e.ExecutionId is not null && e.ExecutionId != ExecutionId)
        {
            return false;
        }

        // A timer whose waiter was canceled stays open until it fires; it is recorded then but wakes nobody.
        if (_timers.Remove(e.TimerId ?? -1, out var timer))
        {
            timer.Completion.TrySetResult();
            return true;
        }

        return false;
    }

    private bool IsForThisExecution(HistoryEvent e, bool replaying) =>
        replaying || e.ExecutionId is null || e.ExecutionId == ExecutionId;

    private bool TryGetLiveCall(HistoryEvent e, out OpenCall call)
    {
        // Results of an earlier attempt, or duplicates of a result already applied, are dropped.
        if (_calls.TryGetValue(e.TaskScheduledId ?? -1, out call!) && !call.WaitingForRetry &&
            (call.IsSubOrchestration || (e.Attempt ?? 1) == call.Attempt))
        {
            return true;
        }

        return false;
    }

    private HistoryEvent ScheduledEvent(OpenCall call) => new()
    {
        EventType = call.ScheduledType,
        EventId = call.Id,
        Name = call.Name,
        Input = call.Input,
        InstanceId = call.ChildInstanceId,
        Attempt = call.Attempt == 1 ? null : call.Attempt,
        Tags = call.Tags,
        Version = call.Version,
    };

    private void DeliverEvent(string name, string? payload)
    {
        if (_waiters.TryGetValue(name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.Completion.TrySetResult(payload);
            return;
        }

        if (!_bufferedEvents.TryGetValue(name, out var queue))
        {
            _bufferedEvents[name] = queue = new Queue<string?>();
        }

        queue.Enqueue(payload);
    }
}
