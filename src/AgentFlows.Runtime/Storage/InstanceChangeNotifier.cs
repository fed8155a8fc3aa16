using System.Collections.Concurrent;

namespace AgentFlows.Storage;

/// <summary>
/// In-process notice that an instance's row changed, so a client waiting in the same process as the worker wakes at
/// once instead of at its next poll. Clients in other processes simply poll.
/// </summary>
public sealed class InstanceChangeNotifier
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>Wakes whoever waits on <paramref name="instanceId"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    public void Notify(string instanceId)
    {
        if (_waiters.TryRemove(instanceId, out var tcs))
        {
            tcs.TrySetResult();
        }
    }

    /// <summary>Returns a task that completes at the next change of <paramref name="instanceId"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The task; callers bound it with their own timeout and re-read the instance after it.</returns>
    public Task NextChange(string instanceId) =>
        _waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// Drops the wait entry a caller no longer needs (its instance finished), so entries do not pile up for
    /// instances that will never change again. Another caller sharing the entry falls back to its poll.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="change">The task <see cref="NextChange"/> returned.</param>
    public void Forget(string instanceId, Task change)
    {
        if (_waiters.TryGetValue(instanceId, out var tcs) && tcs.Task == change)
        {
            _waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(instanceId, tcs));
        }
    }

    /// <summary>Gets the number of instances someone waits on (for tests and diagnostics).</summary>
    public int WaitingCount => _waiters.Count;
}
