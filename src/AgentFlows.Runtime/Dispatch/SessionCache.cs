using AgentFlows.Execution;

namespace AgentFlows.Dispatch;

/// <summary>
/// Live orchestrations kept between episodes (extended sessions), bounded by count and idle time. An entry is used
/// only if the instance is still at the version the session was checkpointed at; otherwise the worker replays.
/// </summary>
internal sealed class SessionCache(int capacity, TimeSpan idleTimeout, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();

    /// <summary>Gets the number of cached sessions.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    /// <summary>Takes the session of an instance out of the cache if it is at <paramref name="version"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="version">The version the work item read.</param>
    /// <returns>The session or null.</returns>
    public OrchestrationSession? Take(string instanceId, long version)
    {
        lock (_gate)
        {
            if (!_map.Remove(instanceId, out var node))
            {
                return null;
            }

            _lru.Remove(node);
            var fresh = time.GetUtcNow() - node.Value.LastUsed <= idleTimeout;
            return node.Value.Version == version && fresh ? node.Value.Session : null;
        }
    }

    /// <summary>Keeps a session after a successful checkpoint.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="version">The version the checkpoint produced.</param>
    /// <param name="session">The session.</param>
    public void Put(string instanceId, long version, OrchestrationSession session)
    {
        lock (_gate)
        {
            if (_map.Remove(instanceId, out var old))
            {
                _lru.Remove(old);
            }

            _map[instanceId] = _lru.AddFirst(new Entry(instanceId, version, session, time.GetUtcNow()));
            while (_map.Count > capacity && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _map.Remove(last.Value.InstanceId);
            }
        }
    }

    private sealed record Entry(string InstanceId, long Version, OrchestrationSession Session, DateTimeOffset LastUsed);
}
