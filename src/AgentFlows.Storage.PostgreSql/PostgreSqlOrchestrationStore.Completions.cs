using AgentFlows.Storage.PostgreSql.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql;

/// <content>
/// Activity completions, group-committed: completions that arrive while a batch is at the server go together in the
/// next one, one round trip and one transaction for all of them.
/// </content>
public sealed partial class PostgreSqlOrchestrationStore
{
    private const int MaxCompletionBatch = 64;
    private readonly Queue<PendingCompletion> _completions = new();
    private bool _completing;
    private Task _flushing = Task.CompletedTask;

    /// <inheritdoc/>
    /// <remarks>
    /// Each completion is one fenced statement: the attempt is deleted only while its lease is held, and the result is
    /// enqueued only if that delete happened, so a late or repeated completion is discarded, never applied twice. The
    /// batch commits without waiting for its WAL flush: a completion lost in a server crash only runs its activity again
    /// (activities run at least once anyway), and the checkpoint that consumes it flushes the WAL up to it first. With
    /// <see cref="PostgreSqlStoreOptions.LocalHandOff"/>, the batch also leases to this host the instances that attempts
    /// it kept for itself (see <see cref="HandOver"/>) woke: this host ran their last episode, so it most likely still
    /// has them in its session cache.
    /// </remarks>
    public Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pending = new PendingCompletion(workItem, result);

        // A result for an instance held here goes to it in memory (see Holds); its checkpoint consumes the attempt.
        return IsKept(workItem) && TryDeliverHeld(pending) ? Task.FromResult(true) : EnqueueCompletion(pending);
    }

    /// <summary>Gets a task that completes when the completions queued so far were written (or failed).</summary>
    internal Task CompletionsWritten
    {
        get
        {
            lock (_completions)
            {
                return _flushing;
            }
        }
    }

    private Task<bool> EnqueueCompletion(PendingCompletion pending)
    {
        lock (_completions)
        {
            _completions.Enqueue(pending);
            if (!_completing)
            {
                _completing = true;
                _flushing = Task.Run(FlushCompletionsAsync, CancellationToken.None);
            }
        }

        return pending.Done.Task;
    }

    private async Task FlushCompletionsAsync()
    {
        while (true)
        {
            List<PendingCompletion> batch;
            lock (_completions)
            {
                if (_completions.Count == 0)
                {
                    _completing = false;
                    return;
                }

                batch = new List<PendingCompletion>(Math.Min(_completions.Count, MaxCompletionBatch));
                while (batch.Count < MaxCompletionBatch && _completions.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            try
            {
                await RunAsync(() => CompleteBatchAsync(batch), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }
            }
        }
    }

    private async Task<bool> CompleteBatchAsync(List<PendingCompletion> batch)
    {
        // Instance rows are updated in id order, as checkpoints lock them, so batches and checkpoints never deadlock.
        batch.Sort(static (a, b) => string.CompareOrdinal(a.Result.InstanceId, b.Result.InstanceId));
        var now = NowTicks;
        var lockIds = LocksForThisHost
            ? batch.Where(p => IsKept(p.Item)).Select(p => p.Result.InstanceId).Distinct(StringComparer.Ordinal).ToArray()
            : [];
        var token = NewKeptToken();
        var until = now + Volatile.Read(ref _orchestrationLeaseTicks);
        var locked = new List<(InstanceRecord Row, List<OrchestrationMessage>? Messages)>();
        await using (var statements = _dataSource.CreateLeaseBatch())
        {
            foreach (var pending in batch)
            {
                statements.Statement(_sql.CompleteActivity).With("seq", pending.Item.Sequence).With("hub", _hub).With("token", pending.Item.LockToken)
                    .With("now", now).With("id", pending.Result.InstanceId).WithMessage(pending.Result, StoredJson.Serialize(pending.Result.Event));
            }

            if (lockIds.Length > 0)
            {
                statements.Statement(_sql.LockListedInstances).With("hub", _hub).WithArray("ids", NpgsqlDbType.Text, lockIds).With("now", now)
                    .With("token", token).With("until", until);
            }

            await using var reader = await statements.ExecuteReaderAsync().ConfigureAwait(false);
            foreach (var pending in batch)
            {
                await reader.NextResultAsync().ConfigureAwait(false);
                pending.Recorded = await reader.ReadAsync().ConfigureAwait(false) && reader.GetInt64(0) == 1;
            }

            if (lockIds.Length > 0)
            {
                await reader.NextResultAsync().ConfigureAwait(false);
                await ReadLockedAsync(reader, locked).ConfigureAwait(false);
            }
        }

        // The batch is committed: whatever happens next, every completion's answer stands.
        List<OrchestrationWorkItem> items = [];
        try
        {
            items = await ToWorkItemsAsync(locked, token, until, now, CancellationToken.None).ConfigureAwait(false);
            Prefetch(items);
        }
        catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException or InvalidOperationException)
        {
            // An instance leased here and not handed over is taken again when its lease runs out.
            _logger.LogDebug(ex, "Instances leased by a completion batch could not be handed over.");
        }

        foreach (var pending in batch)
        {
            if (pending.Recorded && !items.Exists(i => string.Equals(i.Instance.InstanceId, pending.Result.InstanceId, StringComparison.Ordinal)))
            {
                Announce(WorkItemKind.Orchestration, StoredRows.Ticks(pending.Result.VisibleAt));
            }

            pending.Done.TrySetResult(pending.Recorded);
        }

        return true;
    }

    /// <summary>Gets whether work this host wakes may be leased to its own orchestration dispatcher: it runs orchestrations and has room.</summary>
    private bool LocksForThisHost
    {
        get
        {
            if (!_options.LocalHandOff || Volatile.Read(ref _orchestrationLeaseTicks) == 0)
            {
                return false;
            }

            lock (_prefetched)
            {
                return _prefetched.Count < 4 * _options.MaxConcurrentOrchestrations;
            }
        }
    }

    private sealed class PendingCompletion(ActivityWorkItem item, OrchestrationMessage result)
    {
        public ActivityWorkItem Item { get; } = item;

        public OrchestrationMessage Result { get; } = result;

        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Recorded { get; set; }
    }
}
