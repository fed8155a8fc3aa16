using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql.Internal;

/// <summary>Binds instance rows to Npgsql parameters (reading rows and times is <see cref="StoredRows"/>).</summary>
internal static class Rows
{
    /// <summary>Binds every column of an instance row except its version and lock.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="row">The row.</param>
    /// <returns>The parameters.</returns>
    public static NpgsqlParameterCollection WithInstance(this NpgsqlParameterCollection parameters, InstanceRecord row) => parameters
        .With("id", row.InstanceId)
        .With("name", row.Name)
        .With("execution_id", row.ExecutionId)
        .With("status", (short)row.Status)
        .With("created_at", StoredRows.Ticks(row.CreatedAt))
        .With("last_updated_at", StoredRows.Ticks(row.LastUpdatedAt))
        .With("completed_at", row.CompletedAt is { } completed ? StoredRows.Ticks(completed) : null)
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
        .With("visible_at", StoredRows.Ticks(message.VisibleAt))
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
