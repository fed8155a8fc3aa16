using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql.Internal;

/// <summary>Maps instance rows, times and parameters between .NET and the schema (times are bigint ticks, UTC).</summary>
internal static class Rows
{
    /// <summary>Stores a time as UTC ticks; an unspecified kind is taken to be UTC already.</summary>
    /// <param name="value">The time.</param>
    /// <returns>The ticks.</returns>
    public static long Ticks(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks;

    /// <summary>Reads UTC ticks.</summary>
    /// <param name="ticks">The ticks.</param>
    /// <returns>The time.</returns>
    public static DateTime Time(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>Reads an instance row selected with <see cref="Sql.InstanceColumns"/> (and optionally the payload columns).</summary>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="withPayloads">Whether the payload columns follow.</param>
    /// <returns>The row.</returns>
    public static InstanceRecord ReadInstance(DbDataReader reader, bool withPayloads) => new()
    {
        InstanceId = reader.GetString(0),
        Name = reader.GetString(1),
        ExecutionId = reader.GetString(2),
        Status = (OrchestrationRuntimeStatus)reader.GetInt16(3),
        CreatedAt = Time(reader.GetInt64(4)),
        LastUpdatedAt = Time(reader.GetInt64(5)),
        CompletedAt = reader.IsDBNull(6) ? null : Time(reader.GetInt64(6)),
        ParentInstanceId = reader.IsDBNull(7) ? null : reader.GetString(7),
        Version = reader.GetInt64(8),
        Tags = StoredJson.DeserializeTags(reader.IsDBNull(9) ? null : reader.GetString(9)),
        FailureDetails = StoredJson.DeserializeFailure(reader.IsDBNull(10) ? null : reader.GetString(10)),
        CustomStatus = withPayloads && !reader.IsDBNull(11) ? reader.GetString(11) : null,
        Output = withPayloads && !reader.IsDBNull(12) ? reader.GetString(12) : null,
        Input = withPayloads && !reader.IsDBNull(13) ? reader.GetString(13) : null,
    };

    /// <summary>Binds every column of an instance row except its version and lock.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="row">The row.</param>
    /// <returns>The parameters.</returns>
    public static NpgsqlParameterCollection WithInstance(this NpgsqlParameterCollection parameters, InstanceRecord row) => parameters
        .With("id", row.InstanceId)
        .With("name", row.Name)
        .With("execution_id", row.ExecutionId)
        .With("status", (short)row.Status)
        .With("created_at", Ticks(row.CreatedAt))
        .With("last_updated_at", Ticks(row.LastUpdatedAt))
        .With("completed_at", row.CompletedAt is { } completed ? Ticks(completed) : null)
        .With("parent", row.ParentInstanceId)
        .With("tags", StoredJson.Serialize(row.Tags))
        .With("failure", StoredJson.Serialize(row.FailureDetails))
        .With("custom_status", row.CustomStatus)
        .With("output", row.Output)
        .With("input", row.Input);

    /// <summary>Binds an inbox message's event type, visibility and serialized event.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="message">The message.</param>
    /// <param name="eventJson">Its event, serialized.</param>
    /// <returns>The parameters.</returns>
    public static NpgsqlParameterCollection WithMessage(this NpgsqlParameterCollection parameters, OrchestrationMessage message, string eventJson) => parameters
        .With("type", (short)message.Event.EventType)
        .With("visible_at", Ticks(message.VisibleAt))
        .With("event", eventJson);

    /// <summary>Adds a text parameter; null becomes SQL NULL.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="name">The name, without <c>@</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The parameters.</returns>
    public static NpgsqlParameterCollection With(this NpgsqlParameterCollection parameters, string name, string? value)
    {
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
        return parameters;
    }

    /// <summary>Adds a bigint parameter; null becomes SQL NULL.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="name">The name, without <c>@</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The parameters.</returns>
    public static NpgsqlParameterCollection With(this NpgsqlParameterCollection parameters, string name, long? value)
    {
        parameters.Add(value is { } v ? new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = v } : new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = DBNull.Value });
        return parameters;
    }

    /// <summary>Adds a smallint parameter.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="name">The name, without <c>@</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The parameters.</returns>
    public static NpgsqlParameterCollection With(this NpgsqlParameterCollection parameters, string name, short value)
    {
        parameters.Add(new NpgsqlParameter<short>(name, NpgsqlDbType.Smallint) { TypedValue = value });
        return parameters;
    }

    /// <summary>Adds an integer parameter.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="name">The name, without <c>@</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The parameters.</returns>
    public static NpgsqlParameterCollection With(this NpgsqlParameterCollection parameters, string name, int value)
    {
        parameters.Add(new NpgsqlParameter<int>(name, NpgsqlDbType.Integer) { TypedValue = value });
        return parameters;
    }

    /// <summary>Adds an array parameter.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="parameters">The parameters.</param>
    /// <param name="name">The name, without <c>@</c>.</param>
    /// <param name="elementType">The element type on the server.</param>
    /// <param name="value">The values.</param>
    /// <returns>The parameters.</returns>
    public static NpgsqlParameterCollection WithArray<T>(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType elementType, T[] value)
    {
        parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | elementType) { TypedValue = value });
        return parameters;
    }

    /// <summary>Creates a batch whose first statement (<see cref="Sql.AsyncCommit"/>) makes its implicit transaction commit without waiting for the WAL flush.</summary>
    /// <param name="dataSource">The data source.</param>
    /// <returns>The batch; readers skip the first result set, counts are at index 1.</returns>
    public static NpgsqlBatch CreateLeaseBatch(this NpgsqlDataSource dataSource)
    {
        var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Sql.AsyncCommit));
        return batch;
    }

    /// <summary>Adds a statement to a batch.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="sql">The statement.</param>
    /// <returns>The statement's parameters.</returns>
    public static NpgsqlParameterCollection Statement(this NpgsqlBatch batch, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(command);
        return command.Parameters;
    }
}
