using System.Data;
using System.Globalization;

namespace AgentFlows.Agents.Tools.Todos;

/// <content>What <c>/api/todos</c> needs beyond the tools: filtered pages, changes, deletion, bulk completion.</content>
public sealed partial class DbTodoRepository
{
    /// <summary>Finds one page of todos, newest first, with the total number of matches.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="search">The filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    public async Task<TodoPage> SearchAsync(string tenant, TodoSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(search);
        var take = Math.Clamp(search.Take, 1, 1000);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = _sql["search"];
        AddFilter(select, tenant, search);
        Add(select, "after_id", search.AfterId, DbType.Int64);
        Add(select, "take", take + 1);
        Add(select, "skip", Math.Max(0, search.Skip));
        var rows = await ReadAllAsync(select, cancellationToken).ConfigureAwait(false);
        await using var count = connection.CreateCommand();
        count.CommandText = _sql["count"];
        AddFilter(count, tenant, search);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var more = rows.Count > take;
        var items = more ? rows.Take(take).ToList() : rows;
        return new TodoPage(items, total, more ? long.Parse(items[^1].Id, CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Changes a todo.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The id.</param>
    /// <param name="changes">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed todo, or null when the tenant has no such todo (then nothing changed).</returns>
    public async Task<TodoItem?> UpdateAsync(string tenant, string id, TodoChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(changes);
        if (!TryParseId(id, out var key))
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await GetAsync(connection, transaction, tenant, key, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        var done = changes.Done ?? current.Done;
        var tags = changes.Tags is null ? current.Tags.ToList() : CleanTags(changes.Tags);
        await using (var update = Command(connection, transaction, _sql["update"]))
        {
            Add(update, "tenant", tenant);
            Add(update, "id", key);
            Add(update, "title", changes.Title?.Trim() ?? current.Title);
            Add(update, "priority", NormalizePriority(changes.Priority) ?? current.Priority);
            Add(update, "due", DueText(changes.SetsDue ? changes.Due : current.Due));
            Add(update, "tags", TagsJson(tags));
            Add(update, "done", done ? 1 : 0);
            Add(update, "completed_at", !done ? null : current.Done ? current.CompletedAt?.ToUnixTimeMilliseconds() : NowMs, DbType.Int64);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (changes.Tags is not null)
        {
            await ReplaceTagsAsync(connection, transaction, tenant, key, tags, cancellationToken).ConfigureAwait(false);
        }

        var changed = await GetAsync(connection, transaction, tenant, key, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>Deletes a todo.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the tenant had the todo.</returns>
    public async Task<bool> DeleteAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (!TryParseId(id, out var key))
        {
            return false;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ReplaceTagsAsync(connection, transaction, tenant, key, [], cancellationToken).ConfigureAwait(false);
        await using var delete = Command(connection, transaction, _sql["delete"]);
        Add(delete, "tenant", tenant);
        Add(delete, "id", key);
        var deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>Completes several todos in one transaction: all of them, or none when any id is unknown.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="ids">The ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The completed todos, or the unknown ids.</returns>
    public async Task<TodoBulkResult> CompleteManyAsync(string tenant, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var missing = new List<string>();
        var keys = new List<long>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (TryParseId(id, out var key) && await GetAsync(connection, transaction, tenant, key, cancellationToken).ConfigureAwait(false) is not null)
            {
                keys.Add(key);
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new TodoBulkResult([], missing);
        }

        var completed = new List<TodoItem>();
        foreach (var key in keys)
        {
            await CompleteAsync(connection, transaction, tenant, key, cancellationToken).ConfigureAwait(false);
            completed.Add((await GetAsync(connection, transaction, tenant, key, cancellationToken).ConfigureAwait(false))!);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TodoBulkResult(completed, []);
    }

    private static void AddFilter(System.Data.Common.DbCommand command, string tenant, TodoSearch search)
    {
        Add(command, "tenant", tenant);
        Add(command, "q", string.IsNullOrWhiteSpace(search.Q) ? null : search.Q.Trim().ToLowerInvariant());
        Add(command, "tag", string.IsNullOrWhiteSpace(search.Tag) ? null : search.Tag.Trim().ToLowerInvariant());
        Add(command, "priority", NormalizePriority(search.Priority));
        Add(command, "done", search.Done is { } d ? (d ? 1 : 0) : null, DbType.Int32);
        Add(command, "due_from", DueText(search.DueFrom));
        Add(command, "due_to", DueText(search.DueTo));
        Add(command, "has_due", search.HasDue is { } h ? (h ? 1 : 0) : null, DbType.Int32);
    }
}
