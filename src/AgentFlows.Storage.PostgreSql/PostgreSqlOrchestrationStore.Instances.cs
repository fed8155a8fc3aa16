using AgentFlows.History;
using AgentFlows.Storage.PostgreSql.Internal;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>Creating instances, sending messages, and reading rows and history.</summary>
public sealed partial class PostgreSqlOrchestrationStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// A new id takes one round trip (insert the row unless it exists, and its start message only if the row was
    /// inserted). An existing id takes the slow path: a transaction that locks the row and decides.
    /// </remarks>
    public Task<bool> CreateInstanceAsync(
        InstanceRecord instance, OrchestrationMessage start, IReadOnlyCollection<OrchestrationRuntimeStatus>? dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(start);
        return RunAsync(
            async () =>
            {
                var readyAt = IsDeliverable(instance.Status, start.Event.EventType) ? StoredRows.Ticks(start.VisibleAt) : (long?)null;
                var startEvent = StoredJson.Serialize(start.Event);
                if (readyAt <= NowTicks && LocksForThisHost && await CreateKeptAsync(instance, start, startEvent, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                bool created;
                await using (var command = _dataSource.CreateCommand(_sql.CreateInstance))
                {
                    command.Parameters.With("hub", _hub).WithInstance(instance).With("ready_at", readyAt).WithMessage(start, startEvent);
                    created = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
                }

                created = created || await ReplaceInstanceAsync(instance, start, startEvent, readyAt, dedupeStatuses, cancellationToken).ConfigureAwait(false);
                if (created && readyAt is { } ready)
                {
                    Announce(WorkItemKind.Orchestration, ready);
                }

                return created;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return RunAsync(
            async () =>
            {
                await using var command = _dataSource.CreateCommand(_sql.SendMessage);
                command.Parameters.With("hub", _hub).With("id", message.InstanceId).WithMessage(message, StoredJson.Serialize(message.Event));
                var sent = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
                if (sent)
                {
                    Announce(WorkItemKind.Orchestration, StoredRows.Ticks(message.VisibleAt));
                }

                return sent;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) =>
        RunAsync(
            async () =>
            {
                await using var command = _dataSource.CreateCommand(includePayloads ? _sql.SelectInstanceWithPayloads : _sql.SelectInstance);
                command.Parameters.With("hub", _hub).With("id", instanceId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? StoredRows.ReadInstance(reader, includePayloads) : null;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<HistoryEvent>>(
            async () =>
            {
                var events = new List<HistoryEvent>();
                await using var command = _dataSource.CreateCommand(_sql.SelectHistory);
                command.Parameters.With("hub", _hub).With("id", instanceId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    events.Add(StoredJson.DeserializeEvent(reader.GetString(0)));
                }

                return events;
            },
            cancellationToken);

    /// <summary>
    /// Creates a new instance leased to this host's orchestration dispatcher, which takes it from memory (local
    /// hand-off), so its first episode needs no lock round trip.
    /// </summary>
    /// <returns>True when created; false when the id exists, and the caller takes the slow path.</returns>
    private async Task<bool> CreateKeptAsync(InstanceRecord instance, OrchestrationMessage start, string startEvent, CancellationToken cancellationToken)
    {
        var token = NewKeptToken();
        var until = NowTicks + Volatile.Read(ref _orchestrationLeaseTicks);
        await using var command = _dataSource.CreateCommand(_sql.CreateInstanceKept);
        command.Parameters.With("hub", _hub).WithInstance(instance).With("token", token).With("until", until).WithMessage(start, startEvent);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long sequence)
        {
            return false;
        }

        Prefetch([new OrchestrationWorkItem
        {
            Instance = instance with { Version = 0 },
            Messages = [start with { Sequence = sequence }],
            LockToken = token + "/" + instance.InstanceId,
            LockedUntil = StoredRows.Time(until),
        }]);
        return true;
    }

    /// <summary>Whether a message may be delivered to an instance in <paramref name="status"/>: a suspended instance only takes resume and terminate.</summary>
    private static bool IsDeliverable(OrchestrationRuntimeStatus status, EventType type) =>
        status != OrchestrationRuntimeStatus.Suspended || type is EventType.ExecutionResumed or EventType.ExecutionTerminated;

    /// <summary>The slow path of <see cref="CreateInstanceAsync"/>: the id exists (or existed a moment ago).</summary>
    /// <returns>True when the instance was (re)created, false when deduplicated.</returns>
    private async Task<bool> ReplaceInstanceAsync(
        InstanceRecord instance, OrchestrationMessage start, string startEvent, long? readyAt,
        IReadOnlyCollection<OrchestrationRuntimeStatus>? dedupeStatuses, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = _sql.LockStatus;
            read.Parameters.With("hub", _hub).With("id", instance.InstanceId);
            if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is short raw)
            {
                var existing = (OrchestrationRuntimeStatus)raw;
                if (dedupeStatuses?.Contains(existing) == true)
                {
                    return false;
                }

                if (!existing.IsTerminal())
                {
                    throw new OrchestrationAlreadyExistsException(instance.InstanceId, existing);
                }
            }
        }

        // A replaced terminal instance loses its old history, inbox and activity attempts.
        await using (var batch = connection.CreateBatch())
        {
            batch.Statement(_sql.DeleteInstanceData).With("hub", _hub).WithArray("ids", NpgsqlDbType.Text, new[] { instance.InstanceId });
            batch.Statement(_sql.ReplaceInstance).With("hub", _hub).WithInstance(instance).With("ready_at", readyAt);
            batch.Statement(_sql.InsertStartMessage).With("hub", _hub).With("id", instance.InstanceId).WithMessage(start, startEvent);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
