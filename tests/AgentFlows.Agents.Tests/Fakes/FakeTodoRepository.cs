using System.Globalization;
using AgentFlows.Agents.Tools.Todos;

namespace AgentFlows.Agents.Tests.Fakes;

/// <summary>An in-memory todo store that keeps tenants apart and honours idempotency keys.</summary>
internal sealed class FakeTodoRepository : ITodoRepository
{
    private readonly List<(string Tenant, string? Key, TodoItem Item)> _items = [];
    private int _nextId = 1;

    public int AddCalls { get; private set; }

    public IReadOnlyList<TodoItem> Items(string tenant) => _items.Where(i => i.Tenant == tenant).Select(i => i.Item).ToArray();

    public Task<TodoItem> AddAsync(string tenant, TodoDraft draft, CancellationToken cancellationToken = default)
    {
        AddCalls++;
        var existing = _items.FirstOrDefault(i => i.Tenant == tenant && draft.IdempotencyKey is not null && i.Key == draft.IdempotencyKey);
        if (existing.Item is not null)
        {
            return Task.FromResult(existing.Item);
        }

        var item = new TodoItem((_nextId++).ToString(CultureInfo.InvariantCulture), draft.Title, draft.Priority, draft.Due, draft.Tags, false, DateTimeOffset.UnixEpoch, null);
        _items.Add((tenant, draft.IdempotencyKey, item));
        return Task.FromResult(item);
    }

    public Task<TodoItem?> GetAsync(string tenant, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<TodoItem?>(_items.FirstOrDefault(i => i.Tenant == tenant && i.Item.Id == id).Item);

    public Task<IReadOnlyList<TodoItem>> ListAsync(string tenant, TodoQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TodoItem>>(Items(tenant)
            .Where(t => query.Q is null || t.Title.Contains(query.Q, StringComparison.OrdinalIgnoreCase))
            .Where(t => query.Tag is null || t.Tags.Contains(query.Tag))
            .Where(t => query.Done is null || t.Done == query.Done)
            .Skip(query.Skip)
            .Take(query.Take)
            .ToArray());

    public Task<TodoItem?> CompleteAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        var index = _items.FindIndex(i => i.Tenant == tenant && i.Item.Id == id);
        if (index < 0)
        {
            return Task.FromResult<TodoItem?>(null);
        }

        var (t, key, item) = _items[index];
        var done = item.Done ? item : item with { Done = true, CompletedAt = DateTimeOffset.UnixEpoch.AddDays(1) };
        _items[index] = (t, key, done);
        return Task.FromResult<TodoItem?>(done);
    }
}
