namespace AgentFlows.Agents.Tools.Todos;

/// <summary>A todo search with every filter of <c>GET /api/todos</c>; results come newest first.</summary>
public sealed record TodoSearch
{
    /// <summary>Gets text the title contains (case-insensitive), or null.</summary>
    public string? Q { get; init; }

    /// <summary>Gets a tag the todo carries (case-insensitive), or null.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the priority (high, medium or low), or null.</summary>
    public string? Priority { get; init; }

    /// <summary>Gets whether only done (true) or open (false) todos match, or null for both.</summary>
    public bool? Done { get; init; }

    /// <summary>Gets the earliest due date (inclusive); todos without a due date do not match.</summary>
    public DateOnly? DueFrom { get; init; }

    /// <summary>Gets the latest due date (inclusive); todos without a due date do not match.</summary>
    public DateOnly? DueTo { get; init; }

    /// <summary>Gets whether only todos with (true) or without (false) a due date match, or null for both.</summary>
    public bool? HasDue { get; init; }

    /// <summary>Gets the id of the last todo of the previous page (keyset paging), or null for the first page.</summary>
    public long? AfterId { get; init; }

    /// <summary>Gets how many matches to skip (after <see cref="AfterId"/>).</summary>
    public int Skip { get; init; }

    /// <summary>Gets the page size.</summary>
    public int Take { get; init; } = 50;
}

/// <summary>One page of a todo search.</summary>
/// <param name="Items">The todos, newest first.</param>
/// <param name="TotalCount">How many todos match the filters in all.</param>
/// <param name="LastId">The id of the page's last todo when more may follow, else null.</param>
public sealed record TodoPage(IReadOnlyList<TodoItem> Items, long TotalCount, long? LastId);

/// <summary>Changes to a todo (<c>PATCH /api/todos/{id}</c>); null members stay as they are.</summary>
public sealed record TodoChanges
{
    /// <summary>Gets the new title.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the new priority.</summary>
    public string? Priority { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Due"/> is set (so that null clears the due date).</summary>
    public bool SetsDue { get; init; }

    /// <summary>Gets the new due date, when <see cref="SetsDue"/>.</summary>
    public DateOnly? Due { get; init; }

    /// <summary>Gets the new tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Gets the new done state; reopening clears the completion time.</summary>
    public bool? Done { get; init; }
}

/// <summary>The outcome of completing several todos at once: all of them, or none when any is unknown.</summary>
/// <param name="Completed">The completed todos, in the order asked; empty when any was missing.</param>
/// <param name="Missing">The ids the tenant has no todo for; nothing was changed when this is not empty.</param>
public sealed record TodoBulkResult(IReadOnlyList<TodoItem> Completed, IReadOnlyList<string> Missing);
