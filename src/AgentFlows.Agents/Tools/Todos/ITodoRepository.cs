namespace AgentFlows.Agents.Tools.Todos;

/// <summary>Where todos are kept, per tenant. The host provides it (in the runtime's database); this project only uses it.</summary>
public interface ITodoRepository
{
    /// <summary>Adds a todo, or returns the one already added with the same idempotency key.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="draft">The todo.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored todo.</returns>
    Task<TodoItem> AddAsync(string tenant, TodoDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Finds a todo by id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The todo, or null.</returns>
    Task<TodoItem?> GetAsync(string tenant, string id, CancellationToken cancellationToken = default);

    /// <summary>Lists todos, newest first.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="query">The filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching todos.</returns>
    Task<IReadOnlyList<TodoItem>> ListAsync(string tenant, TodoQuery query, CancellationToken cancellationToken = default);

    /// <summary>Marks a todo done; completing a done todo changes nothing and returns it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The todo, or null when the tenant has no such todo.</returns>
    Task<TodoItem?> CompleteAsync(string tenant, string id, CancellationToken cancellationToken = default);
}
