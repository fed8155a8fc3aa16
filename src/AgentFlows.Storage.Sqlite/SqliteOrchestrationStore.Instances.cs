using AgentFlows.History;
using AgentFlows.Storage.Sqlite.Internal;

namespace AgentFlows.Storage.Sqlite;

/// <summary>Creating instances, sending messages, reading rows and history, and waiting for work.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <inheritdoc/>
    public async Task<bool> CreateInstanceAsync(
        InstanceRecord instance, OrchestrationMessage start, IReadOnlyCollection<OrchestrationRuntimeStatus>? dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(start);
        var created = await WriteAsync(
            s =>
            {
                if (ReadStatus(s, instance.InstanceId) is { } existing)
                {
                    if (dedupeStatuses?.Contains(existing) == true)
                    {
                        return false;
                    }

                    if (!existing.IsTerminal())
                    {
                        throw new OrchestrationAlreadyExistsException(instance.InstanceId, existing);
                    }

                    DeleteInstanceData(s, instance.InstanceId);
                }

                s.Command(Sql.UpsertInstance).WithInstance(instance).ExecuteNonQuery();
                Enqueue(s, start);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (created)
        {
            _signal.Notify(WorkItemKind.Orchestration, start.VisibleAt);
        }

        return created;
    }

    /// <inheritdoc/>
    public async Task<bool> SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sent = await WriteAsync(s => Enqueue(s, message), cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            _signal.Notify(WorkItemKind.Orchestration, message.VisibleAt);
        }

        return sent;
    }

    /// <inheritdoc/>
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) =>
        ReadAsync(
            s =>
            {
                using var reader = s.Command(includePayloads ? Sql.SelectInstanceWithPayloads : Sql.SelectInstance).With("$id", instanceId).ExecuteReader();
                return reader.Read() ? StoredRows.ReadInstance(reader, includePayloads) : null;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<HistoryEvent>>(
            s =>
            {
                var events = new List<HistoryEvent>();
                using var reader = s.Command(Sql.SelectHistory).With("$id", instanceId).ExecuteReader();
                while (reader.Read())
                {
                    events.Add(StoredJson.DeserializeEvent(reader.GetString(0)));
                }

                return events;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The store looks up the earliest stored visibility first: work that is due already ends the wait at once (this
    /// also covers a commit that slipped in between the caller's empty lock attempt and this call), and a future
    /// timer or lease end is handed to the signal, which remembers only one due time per kind.
    /// </remarks>
    public async Task WaitForWorkAsync(WorkItemKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var next = await ReadAsync(
            s => s.Command(kind == WorkItemKind.Orchestration ? Sql.NextOrchestrationDue : Sql.NextActivityDue).ExecuteScalar() as long?,
            cancellationToken).ConfigureAwait(false);
        if (next is { } ticks)
        {
            if (ticks <= NowTicks)
            {
                return;
            }

            _signal.Notify(kind, StoredRows.Time(ticks));
        }

        await _signal.WaitAsync(kind, maxWait, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a message to an existing instance's inbox and brings its ready time forward.</summary>
    /// <returns>False when the instance does not exist (the message is dropped).</returns>
    private static bool Enqueue(SqliteSession s, OrchestrationMessage message)
    {
        var type = (int)message.Event.EventType;
        var visibleAt = StoredRows.Ticks(message.VisibleAt);
        var inserted = s.Command(Sql.InsertMessage)
            .With("$id", message.InstanceId)
            .With("$type", type)
            .With("$visible_at", visibleAt)
            .With("$event", StoredJson.Serialize(message.Event))
            .ExecuteNonQuery();
        if (inserted == 0)
        {
            return false;
        }

        s.Command(Sql.MarkReady).With("$id", message.InstanceId).With("$type", type).With("$visible_at", visibleAt).ExecuteNonQuery();
        return true;
    }

    private static OrchestrationRuntimeStatus? ReadStatus(SqliteSession s, string instanceId) =>
        s.Command(Sql.SelectStatus).With("$id", instanceId).ExecuteScalar() is long status ? (OrchestrationRuntimeStatus)status : null;

    /// <summary>Deletes an instance's history, inbox and (unless the caller does it for a batch) activity attempts, and its row when asked.</summary>
    private static void DeleteInstanceData(SqliteSession s, string instanceId, bool deleteRow = false, bool deleteActivities = true)
    {
        s.Command(Sql.DeleteHistory).With("$id", instanceId).ExecuteNonQuery();
        s.Command(Sql.DeleteMessages).With("$id", instanceId).ExecuteNonQuery();
        if (deleteActivities)
        {
            s.Command(Sql.DeleteActivities).With("$id", instanceId).ExecuteNonQuery();
        }

        if (deleteRow)
        {
            s.Command(Sql.DeleteInstance).With("$id", instanceId).ExecuteNonQuery();
        }
    }
}
