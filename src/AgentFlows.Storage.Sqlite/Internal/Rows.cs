using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite.Internal;

/// <summary>Binds instance rows to SQLite parameters (reading rows and times is <see cref="StoredRows"/>).</summary>
internal static class Rows
{
    /// <summary>Binds every column of an instance row except its version and lock.</summary>
    /// <param name="command">The command.</param>
    /// <param name="row">The row.</param>
    /// <returns>The command.</returns>
    public static SqliteCommand WithInstance(this SqliteCommand command, InstanceRecord row) => command
        .With("$id", row.InstanceId)
        .With("$name", row.Name)
        .With("$execution_id", row.ExecutionId)
        .With("$status", (int)row.Status)
        .With("$created_at", StoredRows.Ticks(row.CreatedAt))
        .With("$last_updated_at", StoredRows.Ticks(row.LastUpdatedAt))
        .With("$completed_at", row.CompletedAt is { } completed ? StoredRows.Ticks(completed) : null)
        .With("$parent", row.ParentInstanceId)
        .With("$tags", StoredJson.Serialize(row.Tags))
        .With("$failure", StoredJson.Serialize(row.FailureDetails))
        .With("$custom_status", row.CustomStatus)
        .With("$output", row.Output)
        .With("$input", row.Input);
}
