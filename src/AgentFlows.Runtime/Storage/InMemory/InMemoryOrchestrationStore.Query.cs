using AgentFlows.Client;

namespace AgentFlows.Storage.InMemory;

/// <summary>Listing and purging for the in-memory store.</summary>
public sealed partial class InMemoryOrchestrationStore
{
    /// <inheritdoc/>
    public Task<(IReadOnlyList<InstanceRecord> Items, string? ContinuationToken)> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        var after = query.ContinuationToken is null ? ((DateTime, string)?)null : ContinuationToken.Decode(query.ContinuationToken);
        var size = Math.Clamp(query.PageSize, 1, 1000);
        lock (_gate)
        {
            var rows = _instances.Values.Select(s => s.Row)
                .Where(r => Matches(r, query))
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.InstanceId, StringComparer.Ordinal)
                .Where(r => after is null || r.CreatedAt < after.Value.Item1 ||
                    (r.CreatedAt == after.Value.Item1 && string.CompareOrdinal(r.InstanceId, after.Value.Item2) < 0))
                .Take(size + 1)
                .Select(r => Shape(r, query.FetchInputsAndOutputs))
                .ToList();
            string? token = null;
            if (rows.Count > size)
            {
                rows.RemoveAt(size);
                token = ContinuationToken.Encode(rows[^1].CreatedAt, rows[^1].InstanceId);
            }

            return Task.FromResult<(IReadOnlyList<InstanceRecord>, string?)>((rows, token));
        }
    }

    /// <inheritdoc/>
    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var s))
            {
                return Task.FromResult(0);
            }

            if (!s.Row.Status.IsTerminal())
            {
                throw new OrchestrationStateException(instanceId, s.Row.Status, "purge");
            }

            Remove(instanceId);
            return Task.FromResult(1);
        }
    }

    /// <inheritdoc/>
    public Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var to = filter.CreatedTo?.UtcDateTime ?? Now;
            var victims = _instances.Values.Select(s => s.Row)
                .Where(r => r.Status.IsTerminal() && (filter.Statuses is null || filter.Statuses.Contains(r.Status)))
                .Where(r => (filter.CreatedFrom is null || r.CreatedAt >= filter.CreatedFrom.Value.UtcDateTime) && r.CreatedAt <= to)
                .Select(r => r.InstanceId)
                .ToList();
            victims.ForEach(Remove);
            return Task.FromResult(victims.Count);
        }
    }

    private static bool Matches(InstanceRecord r, OrchestrationQuery q) =>
        (q.CreatedFrom is null || r.CreatedAt >= q.CreatedFrom.Value.UtcDateTime) &&
        (q.CreatedTo is null || r.CreatedAt <= q.CreatedTo.Value.UtcDateTime) &&
        (q.Statuses is null || q.Statuses.Count == 0 || q.Statuses.Contains(r.Status)) &&
        (q.InstanceIdPrefix is null || r.InstanceId.StartsWith(q.InstanceIdPrefix, StringComparison.Ordinal));

    private void Remove(string instanceId)
    {
        _instances.Remove(instanceId);
        foreach (var seq in _activities.Where(a => a.Value.Message.InstanceId == instanceId).Select(a => a.Key).ToList())
        {
            _activities.Remove(seq);
        }
    }
}
