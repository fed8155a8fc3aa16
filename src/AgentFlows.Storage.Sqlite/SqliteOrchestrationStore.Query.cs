using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentFlows.Client;
using AgentFlows.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite;

/// <summary>Listing and purging instances.</summary>
public sealed partial class SqliteOrchestrationStore
{
    private const int PurgeBatchSize = 500;

    private static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
    [
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Canceled, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<InstanceRecord> Items, string? ContinuationToken)> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.ContinuationToken is null ? ((DateTime CreatedAt, string InstanceId)?)null : ContinuationToken.Decode(query.ContinuationToken);
        var size = Math.Clamp(query.PageSize, 1, 1000);
        var rows = await ReadAsync(
            s =>
            {
                using var command = s.Connection.CreateCommand();
                var sql = new StringBuilder("SELECT ").Append(Sql.InstanceColumns);
                if (query.FetchInputsAndOutputs)
                {
                    sql.Append(Sql.PayloadColumns);
                }

                sql.Append(" FROM instances WHERE 1 = 1");
                AppendCreatedRange(sql, command, query.CreatedFrom, query.CreatedTo);
                if (query.Statuses is { Count: > 0 } statuses)
                {
                    AppendStatuses(sql, statuses);
                }

                if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
                {
                    // A range on the primary key: everything that starts with the prefix sorts below prefix + U+10FFFF.
                    sql.Append(" AND instance_id >= $prefix AND instance_id < $prefix_end");
                    command.With("$prefix", query.InstanceIdPrefix).With("$prefix_end", query.InstanceIdPrefix + "\U0010FFFF");
                }

                if (after is { } position)
                {
                    sql.Append(" AND (created_at, instance_id) < ($after_created, $after_id)");
                    command.With("$after_created", StoredRows.Ticks(position.CreatedAt)).With("$after_id", position.InstanceId);
                }

                sql.Append(" ORDER BY created_at DESC, instance_id DESC LIMIT $take");
                command.With("$take", size + 1);
                command.CommandText = sql.ToString();
                var list = new List<InstanceRecord>(Math.Min(size + 1, 128));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    list.Add(StoredRows.ReadInstance(reader, query.FetchInputsAndOutputs));
                }

                return list;
            },
            cancellationToken).ConfigureAwait(false);
        string? token = null;
        if (rows.Count > size)
        {
            rows.RemoveAt(size);
            token = ContinuationToken.Encode(rows[^1].CreatedAt, rows[^1].InstanceId);
        }

        return (rows, token);
    }

    /// <inheritdoc/>
    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            s =>
            {
                if (ReadStatus(s, instanceId) is not { } status)
                {
                    return 0;
                }

                if (!status.IsTerminal())
                {
                    throw new OrchestrationStateException(instanceId, status, "purge");
                }

                DeleteInstanceData(s, instanceId, deleteRow: true);
                return 1;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Deletes in batches of a few hundred instances, one transaction each, so other writers are not held up long.</remarks>
    public async Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses is null ? TerminalStatuses : [.. TerminalStatuses.Where(filter.Statuses.Contains)];
        if (statuses.Length == 0)
        {
            return 0;
        }

        var createdTo = filter.CreatedTo ?? _time.GetUtcNow();
        var total = 0;
        while (true)
        {
            var purged = await WriteAsync(
                s =>
                {
                    var ids = new List<string>();
                    using (var command = s.Connection.CreateCommand())
                    {
                        var sql = new StringBuilder("SELECT instance_id FROM instances WHERE 1 = 1");
                        AppendCreatedRange(sql, command, filter.CreatedFrom, createdTo);
                        AppendStatuses(sql, statuses);
                        command.CommandText = sql.Append(" LIMIT ").Append(PurgeBatchSize).ToString();
                        using var reader = command.ExecuteReader();
                        while (reader.Read())
                        {
                            ids.Add(reader.GetString(0));
                        }
                    }

                    foreach (var id in ids)
                    {
                        DeleteInstanceData(s, id, deleteRow: true, deleteActivities: false);
                    }

                    if (ids.Count > 0)
                    {
                        s.Command(Sql.DeleteActivitiesOfMany).With("$ids", StoredJson.Serialize(ids)).ExecuteNonQuery();
                    }

                    return ids.Count;
                },
                cancellationToken).ConfigureAwait(false);
            total += purged;
            if (purged < PurgeBatchSize)
            {
                return total;
            }
        }
    }

    private static void AppendCreatedRange(StringBuilder sql, SqliteCommand command, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } f)
        {
            sql.Append(" AND created_at >= $created_from");
            command.With("$created_from", f.UtcTicks);
        }

        if (to is { } t)
        {
            sql.Append(" AND created_at <= $created_to");
            command.With("$created_to", t.UtcTicks);
        }
    }

    private static void AppendStatuses(StringBuilder sql, IEnumerable<OrchestrationRuntimeStatus> statuses) =>
        sql.Append(" AND status IN (")
            .AppendJoin(", ", statuses.Distinct().Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))
            .Append(')');
}
