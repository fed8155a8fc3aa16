using AgentFlows.Storage.PostgreSql.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql;

/// <content>
/// Held instances, part of <see cref="PostgreSqlStoreOptions.LocalHandOff"/>: a checkpoint that leaves activities
/// kept for this host pending commits its instance still leased to this host. Those activities' results then reach the
/// instance in memory: no message row, no ready-time write and no lock round trip. The next checkpoint deletes the
/// completed attempts in its own transaction, fenced by their leases, so a result is applied exactly when its attempt
/// is consumed. Anything else for a held instance (a client's event, another instance's message, a timer, a result
/// that took the queue) is found by this host's next look at the database, which every commit announces. A hold ends
/// with a checkpoint that leaves nothing kept pending, when it would need renewing, or with this host: its lease runs
/// out and any host takes the instance over from its history, as after any crash.
/// </content>
public sealed partial class PostgreSqlOrchestrationStore
{
    private const string HeldSuffix = "/held";
    private readonly Dictionary<string, Hold> _holds = new(StringComparer.Ordinal);
    private readonly Queue<Hold> _holdsReady = new();
    private ITimer? _holdSweep;
    private Task _holdSweeping = Task.CompletedTask;

    /// <summary>Gets the last sweep of holds (for tests).</summary>
    internal Task HoldSweep => _holdSweeping;

    private bool HasHeldReady
    {
        get
        {
            lock (_holds)
            {
                return _holdsReady.Count > 0;
            }
        }
    }

    /// <summary>Gets the least of its lease a hold keeps: one with less left is given up rather than renewed.</summary>
    private long HoldMargin => Volatile.Read(ref _orchestrationLeaseTicks) / 4;

    /// <summary>Decides whether a checkpoint keeps its instance held, and which results taken in memory it consumes.</summary>
    /// <returns>The hold's token and lease end (token null when the checkpoint releases the instance), and the attempts to delete.</returns>
    private (string? Token, long Until, List<PendingCompletion> Delivered) PlanHold(
        OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, int kept, long now)
    {
        var lease = Volatile.Read(ref _orchestrationLeaseTicks);
        lock (_holds)
        {
            var current = _holds.TryGetValue(workItem.Instance.InstanceId, out var h) && h.InEpisode && h.Token == workItem.LockToken ? h : null;
            var pending = kept + (current?.Pending.Count ?? 0);
            var hold = _options.LocalHandOff && lease > 0 && pending > 0 && !checkpoint.ReplaceHistory
                && checkpoint.Instance.Status == OrchestrationRuntimeStatus.Running;
            return (hold ? NewToken() + HeldSuffix : null, now + lease, current?.Delivered ?? []);
        }
    }

    /// <summary>Records a committed hold; runs the next episode at once when results or messages are waiting.</summary>
    private void Held(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, long version, string token, long until, long[]? kept, bool messagesDue)
    {
        var id = workItem.Instance.InstanceId;
        List<PendingCompletion>? stale = null;
        var ready = false;
        lock (_holds)
        {
            if (!_holds.TryGetValue(id, out var h) || h.Token != workItem.LockToken)
            {
                stale = h?.Inbox;
                h = new Hold(id);
                _holds[id] = h;
            }

            h.Instance = checkpoint.Instance with { Version = version };
            h.Token = token;
            h.Until = until;
            h.InEpisode = false;
            h.Delivered = [];
            h.ReadDatabase |= messagesDue;
            h.Pending.UnionWith(kept ?? []);
            if ((h.Inbox.Count > 0 || h.ReadDatabase) && !h.Queued)
            {
                h.Queued = true;
                _holdsReady.Enqueue(h);
                ready = true;
            }

            if (_holdSweep is null)
            {
                var period = TimeSpan.FromTicks(Math.Max(HoldMargin / 2, TimeSpan.TicksPerMillisecond));
                _holdSweep = _time.CreateTimer(_ => _holdSweeping = SweepHoldsAsync(), null, period, period);
            }
        }

        ToQueue(stale);
        if (ready)
        {
            _wakeUps.Nudge(WorkItemKind.Orchestration);
        }
    }

    /// <summary>Forgets the hold of an instance whose episode released it, failed or was abandoned; its results go through the queue.</summary>
    private void Unheld(string instanceId, bool episodeFailed)
    {
        Hold? h;
        lock (_holds)
        {
            if (!_holds.Remove(instanceId, out h))
            {
                return;
            }
        }

        // Results the failed episode took were not consumed: their attempts are still leased to this host.
        ToQueue(episodeFailed ? [.. h.Delivered, .. h.Inbox] : h.Inbox);
    }

    /// <summary>Takes an activity result for a held instance in memory.</summary>
    /// <returns>Whether the instance is held here and took it.</returns>
    private bool TryDeliverHeld(PendingCompletion completion)
    {
        bool ready;
        lock (_holds)
        {
            if (!_holds.TryGetValue(completion.Result.InstanceId, out var h) || !h.Pending.Remove(completion.Item.Sequence))
            {
                return false;
            }

            h.Inbox.Add(completion);
            ready = !h.InEpisode && !h.Queued;
            if (ready)
            {
                h.Queued = true;
                _holdsReady.Enqueue(h);
            }
        }

        if (ready)
        {
            _wakeUps.Nudge(WorkItemKind.Orchestration);
        }

        return true;
    }

    /// <summary>Hands out the next held instance with results or messages waiting, as a work item under its hold.</summary>
    private async Task<OrchestrationWorkItem?> TakeHeldAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Hold? taken = null;
            List<PendingCompletion> delivered = [];
            var read = false;
            List<Hold> expiring = [];
            lock (_holds)
            {
                while (taken is null && _holdsReady.TryDequeue(out var h))
                {
                    h.Queued = false;
                    if (h.InEpisode || !_holds.TryGetValue(h.InstanceId, out var current) || current != h)
                    {
                        continue;
                    }

                    if (h.Until - NowTicks < HoldMargin)
                    {
                        // Too little of the lease is left for an episode: the instance goes back to the queue.
                        _holds.Remove(h.InstanceId);
                        expiring.Add(h);
                        continue;
                    }

                    taken = h;
                    h.InEpisode = true;
                    delivered = h.Inbox;
                    h.Delivered = delivered;
                    h.Inbox = [];
                    read = h.ReadDatabase;
                    h.ReadDatabase = false;
                }
            }

            await ReleaseHoldsAsync(expiring, cancellationToken).ConfigureAwait(false);
            if (taken is null)
            {
                return null;
            }

            List<OrchestrationMessage> messages;
            try
            {
                messages = read ? await ReadDeliverableAsync(taken.Instance, NowTicks, cancellationToken).ConfigureAwait(false) : [];
            }
            catch
            {
                // Nothing was handed out: the instance waits, held, for the next call.
                lock (_holds)
                {
                    taken.InEpisode = false;
                    taken.ReadDatabase = true;
                    taken.Inbox.InsertRange(0, delivered);
                    taken.Delivered = [];
                    taken.Queued = true;
                    _holdsReady.Enqueue(taken);
                }

                throw;
            }

            messages.AddRange(delivered.Select(d => d.Result));
            if (messages.Count > 0)
            {
                HandedOut(WorkItemKind.Orchestration);
                return new OrchestrationWorkItem { Instance = taken.Instance, Messages = messages, LockToken = taken.Token, LockedUntil = StoredRows.Time(taken.Until) };
            }

            lock (_holds)
            {
                taken.InEpisode = false;
            }
        }
    }

    /// <summary>Finds held instances that messages in the database wait for (one round trip, only while instances are held).</summary>
    private async Task FindHeldWithMessagesAsync(CancellationToken cancellationToken)
    {
        string[] ids;
        lock (_holds)
        {
            ids = [.. _holds.Values.Where(h => !h.InEpisode && !h.Queued).Select(h => h.InstanceId)];
        }

        if (ids.Length == 0)
        {
            return;
        }

        var found = new List<string>();
        await using (var command = _dataSource.CreateCommand(_sql.HeldWithMessages))
        {
            command.Parameters.With("hub", _hub).WithArray("ids", NpgsqlDbType.Text, ids).With("now", NowTicks);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(reader.GetString(0));
            }
        }

        lock (_holds)
        {
            foreach (var id in found)
            {
                if (_holds.TryGetValue(id, out var h) && !h.InEpisode)
                {
                    h.ReadDatabase = true;
                    if (!h.Queued)
                    {
                        h.Queued = true;
                        _holdsReady.Enqueue(h);
                    }
                }
            }
        }
    }

    /// <summary>Records a renewed lease (in the hold too, when the episode runs under one).</summary>
    /// <returns>The work item with its new lease end.</returns>
    private OrchestrationWorkItem HoldRenewed(OrchestrationWorkItem workItem, long until)
    {
        lock (_holds)
        {
            if (_holds.TryGetValue(workItem.Instance.InstanceId, out var h) && h.Token == workItem.LockToken)
            {
                h.Until = until;
            }
        }

        return workItem with { LockedUntil = StoredRows.Time(until) };
    }

    /// <summary>Stops expecting a kept attempt's result in memory (it was released to every host).</summary>
    private void ForgetPending(string instanceId, long sequence)
    {
        lock (_holds)
        {
            if (_holds.TryGetValue(instanceId, out var h))
            {
                h.Pending.Remove(sequence);
            }
        }
    }

    /// <summary>Gives up idle holds with less than <see cref="HoldMargin"/> of their lease left, and forgets holds whose episode's lease ran out.</summary>
    private async Task SweepHoldsAsync()
    {
        var now = NowTicks;
        List<Hold> idle = [];
        List<Hold> lapsed = [];
        lock (_holds)
        {
            foreach (var h in _holds.Values)
            {
                if (!h.InEpisode && !h.Queued && h.Until - now < HoldMargin)
                {
                    idle.Add(h);
                }
                else if (h.InEpisode && h.Until <= now)
                {
                    lapsed.Add(h);
                }
            }

            foreach (var h in idle.Concat(lapsed))
            {
                _holds.Remove(h.InstanceId);
            }

        }

        ToQueue([.. lapsed.SelectMany(h => h.Delivered.Concat(h.Inbox))]);
        try
        {
            await ReleaseHoldsAsync(idle, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException or InvalidOperationException)
        {
            // Their leases run out and any host takes the instances then.
            _logger.LogDebug(ex, "Held instances could not be released; their leases run out instead.");
        }
    }

    /// <summary>Releases holds (already forgotten) and sends the results they had taken through the queue.</summary>
    private async Task ReleaseHoldsAsync(List<Hold> holds, CancellationToken cancellationToken)
    {
        foreach (var h in holds)
        {
            // Results first: written while the hold lasts, they wait in the queue, and the release makes the instance ready.
            ToQueue(h.Inbox);
            await UnlockAsync(h.InstanceId, h.Token, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases every idle hold (at dispose); results taken in memory are written through the queue first.</summary>
    private async Task ReleaseAllHoldsAsync()
    {
        List<Hold> idle;
        lock (_holds)
        {
            idle = [.. _holds.Values.Where(h => !h.InEpisode)];
            _holds.Clear();
            _holdsReady.Clear();
            _holdSweep?.Dispose();
        }

        try
        {
            await ReleaseHoldsAsync(idle, CancellationToken.None).ConfigureAwait(false);
            await CompletionsWritten.ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The leases run out; the attempts run again elsewhere.
        }
    }

    /// <summary>Writes results taken in memory as ordinary completions (fenced by their attempts' leases, so never twice).</summary>
    private void ToQueue(IReadOnlyCollection<PendingCompletion>? completions)
    {
        foreach (var completion in completions ?? [])
        {
            _ = EnqueueCompletion(new PendingCompletion(completion.Item, completion.Result));
        }
    }

    /// <summary>One held instance as this host sees it.</summary>
    private sealed class Hold(string instanceId)
    {
        public string InstanceId { get; } = instanceId;

        /// <summary>Gets or sets the row as its last checkpoint wrote it.</summary>
        public InstanceRecord Instance { get; set; } = null!;

        public string Token { get; set; } = string.Empty;

        public long Until { get; set; }

        /// <summary>Gets or sets a value indicating whether an episode under the hold is running.</summary>
        public bool InEpisode { get; set; }

        public bool Queued { get; set; }

        /// <summary>Gets or sets a value indicating whether the database holds messages due for the instance.</summary>
        public bool ReadDatabase { get; set; }

        /// <summary>Gets the kept attempts whose results this host expects in memory.</summary>
        public HashSet<long> Pending { get; } = [];

        public List<PendingCompletion> Inbox { get; set; } = [];

        /// <summary>Gets or sets the results the running episode took; its checkpoint deletes their attempts.</summary>
        public List<PendingCompletion> Delivered { get; set; } = [];
    }
}
