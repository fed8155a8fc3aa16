using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite.Internal;

/// <summary>Maps instance rows and times between .NET and the schema (times are INTEGER ticks, UTC).</summary>
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
    public static InstanceRecord ReadInstance(SqliteDataReader reader, bool withPayloads) => new()
    {
        InstanceId = reader.GetString(0),
        Name = reader.GetString(1),
        ExecutionId = reader.GetString(2),
        Status = (OrchestrationRuntimeStatus)reader.GetInt32(3),
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
    /// <param name="command">The command.</param>
    /// <param name="row">The row.</param>
    /// <returns>The command.</returns>
    public static SqliteCommand WithInstance(this SqliteCommand command, InstanceRecord row) => command
        .With("$id", row.InstanceId)
        .With("$name", row.Name)
        .With("$execution_id", row.ExecutionId)
        .With("$status", (int)row.Status)
        .With("$created_at", Ticks(row.CreatedAt))
        .With("$last_updated_at", Ticks(row.LastUpdatedAt))
        .With("$completed_at", row.CompletedAt is { } completed ? Ticks(completed) : null)
        .With("$parent", row.ParentInstanceId)
        .With("$tags", StoredJson.Serialize(row.Tags))
        .With("$failure", StoredJson.Serialize(row.FailureDetails))
        .With("$custom_status", row.CustomStatus)
        .With("$output", row.Output)
        .With("$input", row.Input);
}
