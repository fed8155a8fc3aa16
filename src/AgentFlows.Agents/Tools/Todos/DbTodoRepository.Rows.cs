using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace AgentFlows.Agents.Tools.Todos;

/// <content>Rows to <see cref="TodoItem"/>s. Columns: id, title, priority, due, tags, done, created_at, completed_at.</content>
public sealed partial class DbTodoRepository
{
    private static async Task<TodoItem?> ReadOneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<List<TodoItem>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var items = new List<TodoItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    private static TodoItem Read(DbDataReader row)
    {
        var due = row.IsDBNull(3) ? (DateOnly?)null : DateOnly.ParseExact(row.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tags = JsonSerializer.Deserialize<string[]>(row.GetString(4)) ?? [];
        return new TodoItem(
            Convert.ToInt64(row.GetValue(0), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            row.GetString(1),
            row.GetString(2),
            due,
            tags,
            Convert.ToInt64(row.GetValue(5), CultureInfo.InvariantCulture) != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(row.GetValue(6), CultureInfo.InvariantCulture)),
            row.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(row.GetValue(7), CultureInfo.InvariantCulture)));
    }
}
