using System.Text;
using AgentFlows.Client;
using AgentFlows.Storage.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>Listing and purging instances.</summary>
public sealed partial class PostgreSqlOrchestrationStore
{
    private const int PurgeBatchSize = 500;

    private static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
    [
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Canceled, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <inheritdoc/>
    /// <remarks>
    /// Keyset paging over the index on (hub, created_at, instance_id), read backwards: every page is one index range
    /// scan however deep it is, and rows that share a creation time are ordered by id so none is skipped or repeated.
    /// </remarks>
    public Task<(IReadOnlyList<InstanceRecord> Items, string? ContinuationToken)> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.ContinuationToken is null ? ((DateTime CreatedAt, string InstanceId)?)null : ContinuationToken.Decode(query.ContinuationToken);
        var size = Math.Clamp(query.PageSize, 1, 1000);
        return RunAsync<(IReadOnlyList<InstanceRecord>, string?)>(
            async () =>
            {
                await using var command = _dataSource.CreateCommand();
                var sql = new StringBuilder("SELECT ").Append(Sql.InstanceColumns);
                if (query.FetchInputsAndOutputs)
                {
                    sql.Append(Sql.PayloadColumns);
                }

                sql.Append(" FROM ").Append(_sql.Instances).Append(" WHERE hub = @hub");
                command.Parameters.With("hub", _hub);
                AppendCreatedRange(sql, command, query.CreatedFrom, query.CreatedTo);
                if (query.Statuses is { Count: > 0 } statuses)
                {
                    AppendStatuses(sql, command, statuses);
                }

                if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
                {
                    sql.Append(" AND instance_id >= @prefix AND starts_with(instance_id, @prefix)");
                    command.Parameters.With("prefix", query.InstanceIdPrefix);
                }

                if (after is { } position)
                {
                    sql.Append(" AND (created_at, instance_id) < (@after_created, @after_id)");
                    command.Parameters.With("after_created", StoredRows.Ticks(position.CreatedAt)).With("after_id", position.InstanceId);
                }

                sql.Append(" ORDER BY created_at DESC, instance_id DESC LIMIT @take");
                command.Parameters.With("take", size + 1);
                command.CommandText = sql.ToString();
                var rows = new List<InstanceRecord>(Math.Min(size + 1, 128));
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(StoredRows.ReadInstance(reader, query.FetchInputsAndOutputs));
                    }
                }

                string? token = null;
                if (rows.Count > size)
                {
                    rows.RemoveAt(size);
                    token = ContinuationToken.Encode(rows[^1].CreatedAt, rows[^1].InstanceId);
                }

                return (rows, token);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The row is locked first, in the same implicit transaction, so the deletes that follow see every message a
    /// concurrent sender committed before it; a sender that comes later finds no row and drops its message.
    /// </remarks>
    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        RunAsync(
            async () =>
            {
                await using var batch = _dataSource.CreateBatch();
                batch.Statement(_sql.LockStatus).With("hub", _hub).With("id", instanceId);
                batch.Statement(_sql.PurgeInstance).With("hub", _hub).With("id", instanceId);
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (reader.GetInt64(0) == 1)
                {
                    return 1;
                }

                return reader.IsDBNull(1)
                    ? 0
                    : throw new OrchestrationStateException(instanceId, (OrchestrationRuntimeStatus)reader.GetInt16(1), "purge");
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Deletes in batches of a few hundred instances, one transaction each, so other writers are not held up long.</remarks>
    public Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses is null ? TerminalStatuses : [.. TerminalStatuses.Where(filter.Statuses.Contains)];
        var createdTo = filter.CreatedTo ?? _time.GetUtcNow();
        return RunAsync(
            async () =>
            {
                var total = 0;
                while (statuses.Length > 0)
                {
                    var purged = await PurgeBatchAsync(filter.CreatedFrom, createdTo, statuses, cancellationToken).ConfigureAwait(false);
                    total += purged;
                    if (purged < PurgeBatchSize)
                    {
                        break;
                    }
                }

                return total;
            },
            cancellationToken);
    }

    private static void AppendCreatedRange(StringBuilder sql, NpgsqlCommand command, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } f)
        {
            sql.Append(" AND created_at >= @created_from");
            command.Parameters.With("created_from", f.UtcTicks);
        }

        if (to is { } t)
        {
            sql.Append(" AND created_at <= @created_to");
            command.Parameters.With("created_to", t.UtcTicks);
        }
    }

    private static void AppendStatuses(StringBuilder sql, NpgsqlCommand command, IEnumerable<OrchestrationRuntimeStatus> statuses)
    {
        sql.Append(" AND status = ANY(@statuses)");
        command.Parameters.WithArray("statuses", NpgsqlDbType.Smallint, statuses.Distinct().Select(s => (short)s).ToArray());
    }

    /// <summary>Purges up to <see cref="PurgeBatchSize"/> matching instances, locked in id order like checkpoints lock them.</summary>
    private async Task<int> PurgeBatchAsync(DateTimeOffset? from, DateTimeOffset to, OrchestrationRuntimeStatus[] statuses, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        await using (var select = connection.CreateCommand())
        {
            var sql = new StringBuilder("SELECT instance_id FROM ").Append(_sql.Instances).Append(" WHERE hub = @hub");
            select.Parameters.With("hub", _hub);
            AppendCreatedRange(sql, select, from, to);
            AppendStatuses(sql, select, statuses);
            select.CommandText = sql.Append(" ORDER BY instance_id LIMIT ").Append(PurgeBatchSize).Append(" FOR UPDATE").ToString();
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        if (ids.Count > 0)
        {
            var array = ids.ToArray();
            await using var batch = connection.CreateBatch();
            batch.Statement(_sql.DeleteInstanceData).With("hub", _hub).WithArray("ids", NpgsqlDbType.Text, array);
            batch.Statement(_sql.DeleteInstances).With("hub", _hub).WithArray("ids", NpgsqlDbType.Text, array);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }
}
