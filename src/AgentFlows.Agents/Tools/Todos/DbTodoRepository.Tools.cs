using System.Data;
using System.Data.Common;

namespace AgentFlows.Agents.Tools.Todos;

/// <content>What the todo tools need (<see cref="ITodoRepository"/>).</content>
public sealed partial class DbTodoRepository
{
    /// <inheritdoc/>
    public async Task<TodoItem> AddAsync(string tenant, TodoDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(draft);
        var priority = NormalizePriority(draft.Priority) ?? throw new ArgumentException($"The priority '{draft.Priority}' is not high, medium or low.", nameof(draft));
        var tags = CleanTags(draft.Tags);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = Command(connection, transaction, _sql["insert"]);
        Add(insert, "tenant", tenant);
        Add(insert, "title", draft.Title.Trim());
        Add(insert, "priority", priority);
        Add(insert, "due", DueText(draft.Due));
        Add(insert, "tags", TagsJson(tags));
        Add(insert, "now", NowMs);
        Add(insert, "key", draft.IdempotencyKey);
        var inserted = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        TodoItem? todo;
        if (inserted is null or DBNull)
        {
            // A repeated attempt of the same run step: the first attempt's todo is the answer.
            await using var byKey = Command(connection, transaction, _sql["get-by-key"]);
            Add(byKey, "tenant", tenant);
            Add(byKey, "key", draft.IdempotencyKey);
            todo = await ReadOneAsync(byKey, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var id = Convert.ToInt64(inserted, System.Globalization.CultureInfo.InvariantCulture);
            await ReplaceTagsAsync(connection, transaction, tenant, id, tags, cancellationToken).ConfigureAwait(false);
            todo = await GetAsync(connection, transaction, tenant, id, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return todo ?? throw new InvalidOperationException("The todo just added could not be read back.");
    }

    /// <inheritdoc/>
    public async Task<TodoItem?> GetAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(id);
        if (!TryParseId(id, out var key))
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, tenant, key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TodoItem>> ListAsync(string tenant, TodoQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await SearchAsync(tenant, new TodoSearch { Q = query.Q, Tag = query.Tag, Done = query.Done, Skip = query.Skip, Take = query.Take }, cancellationToken).ConfigureAwait(false);
        return page.Items;
    }

    /// <inheritdoc/>
    public async Task<TodoItem?> CompleteAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(id);
        if (!TryParseId(id, out var key))
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await CompleteAsync(connection, transaction, tenant, key, cancellationToken).ConfigureAwait(false);
        var todo = await GetAsync(connection, transaction, tenant, key, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return todo;
    }

    private async Task CompleteAsync(DbConnection connection, DbTransaction transaction, string tenant, long id, CancellationToken cancellationToken)
    {
        await using var complete = Command(connection, transaction, _sql["complete"]);
        Add(complete, "tenant", tenant);
        Add(complete, "id", id);
        Add(complete, "now", NowMs);
        await complete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<TodoItem?> GetAsync(DbConnection connection, DbTransaction? transaction, string tenant, long id, CancellationToken cancellationToken)
    {
        await using var get = Command(connection, transaction, _sql["get"]);
        Add(get, "tenant", tenant);
        Add(get, "id", id);
        return await ReadOneAsync(get, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReplaceTagsAsync(DbConnection connection, DbTransaction transaction, string tenant, long id, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await using (var delete = Command(connection, transaction, _sql["delete-tags"]))
        {
            Add(delete, "id", id);
            Add(delete, "tenant", tenant);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var tag in tags.Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
        {
            await using var insert = Command(connection, transaction, _sql["insert-tag"]);
            Add(insert, "id", id);
            Add(insert, "tenant", tenant);
            Add(insert, "tag", tag);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
