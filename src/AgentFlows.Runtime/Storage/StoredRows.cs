using System.Data.Common;

namespace AgentFlows.Storage;

/// <summary>
/// Reading and writing the columns every relational store shares: times as UTC ticks, and the instance row in one
/// column order (id, name, execution id, status, created, updated, completed, parent, version, tags, failure, then
/// optionally custom status, output, input). Binding parameters stays with each store: its driver's types differ.
/// </summary>
public static class StoredRows
{
    /// <summary>Stores a time as UTC ticks; an unspecified kind is taken to be UTC already.</summary>
    /// <param name="value">The time.</param>
    /// <returns>The ticks.</returns>
    public static long Ticks(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks;

    /// <summary>Reads UTC ticks.</summary>
    /// <param name="ticks">The ticks.</param>
    /// <returns>The time.</returns>
    public static DateTime Time(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>Reads an instance row in the shared column order.</summary>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="withPayloads">Whether the payload columns follow.</param>
    /// <returns>The row.</returns>
    public static InstanceRecord ReadInstance(DbDataReader reader, bool withPayloads)
    {
        ArgumentNullException.ThrowIfNull(reader);

        // PostgreSQL keeps the status in a smallint, SQLite in an integer.
        var status = reader.GetFieldType(3) == typeof(short) ? reader.GetInt16(3) : reader.GetInt32(3);
        return new InstanceRecord
        {
            InstanceId = reader.GetString(0),
            Name = reader.GetString(1),
            ExecutionId = reader.GetString(2),
            Status = (OrchestrationRuntimeStatus)status,
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
    }
}
