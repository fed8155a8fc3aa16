using AgentFlows.Storage.PostgreSql.Internal;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>Waiting for work: notifications from this and other hosts, the earliest due time, and the polling fallback.</summary>
public sealed partial class PostgreSqlOrchestrationStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// The store first forgets signals it had already raised (the read that follows sees the work they announced), then
    /// reads the earliest time anything of <paramref name="kind"/> can be locked: a message or timer, or the end of a
    /// lease, whichever host wrote it (the last read is reused while no work was announced since and its time is still
    /// ahead). Work that is due ends the wait at once; a future due time shortens it, so timers
    /// and the work of dead hosts are picked up on time without a notification. Notifications (this host's commits,
    /// and other hosts' through LISTEN) end it early; <paramref name="maxWait"/> bounds it, which is the polling
    /// fallback when notifications are lost.
    /// </para>
    /// <para>The deadline is fixed before the read, so a clock that moves during the read shortens the wait rather than delaying it.</para>
    /// </remarks>
    public Task WaitForWorkAsync(WorkItemKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var until = maxWait == Timeout.InfiniteTimeSpan || maxWait >= DateTime.MaxValue - now ? DateTime.MaxValue : now + maxWait;
        return RunAsync(
            async () =>
            {
                await _wakeUps.ResetAsync(kind, cancellationToken).ConfigureAwait(false);
                if (kind == WorkItemKind.Orchestration ? HasPrefetched || HasHeldReady : HasClaimed)
                {
                    return true;
                }

                if (await NextDueAsync(kind, cancellationToken).ConfigureAwait(false) is long ticks)
                {
                    if (ticks <= NowTicks)
                    {
                        return true;
                    }

                    var due = StoredRows.Time(ticks);
                    until = due < until ? due : until;
                }

                var wait = _wakeUps.WaitAsync(kind, until, cancellationToken);
                IdleWaitStarting?.Invoke(kind);
                await wait.ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>The earliest time work of <paramref name="kind"/> becomes ready, read again only when work was announced since the last read.</summary>
    private async Task<long?> NextDueAsync(WorkItemKind kind, CancellationToken cancellationToken)
    {
        // A due time already past is read again: what was due then was looked for, and waiting on it would spin.
        if (TryKnownDue(kind, out var known) && (known is null || known > NowTicks))
        {
            return known;
        }

        var changes = _wakeUps.Changes(kind);
        await using var command = _dataSource.CreateCommand(kind == WorkItemKind.Orchestration ? _sql.NextOrchestrationDue : _sql.NextActivityDue);
        command.Parameters.With("hub", _hub);
        var due = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        KnownDue(kind, changes, due);
        return due;
    }
}
