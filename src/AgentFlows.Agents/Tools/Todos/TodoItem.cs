using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Todos;

/// <summary>A stored todo.</summary>
/// <param name="Id">The id the store gave it.</param>
/// <param name="Title">The title.</param>
/// <param name="Priority">high, medium or low.</param>
/// <param name="Due">The due date.</param>
/// <param name="Tags">The tags.</param>
/// <param name="Done">Whether it is done.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="CompletedAt">When it was completed.</param>
public sealed record TodoItem(
    string Id,
    string Title,
    string Priority,
    DateOnly? Due,
    IReadOnlyList<string> Tags,
    bool Done,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Gets the JSON form a tool step outputs.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["title"] = Title,
        ["priority"] = Priority,
        ["due"] = Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["tags"] = new JsonArray(Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        ["done"] = Done,
        ["createdAt"] = CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["completedAt"] = CompletedAt?.ToString("O", CultureInfo.InvariantCulture),
    };
}

/// <summary>A todo to add.</summary>
/// <param name="Title">The title.</param>
/// <param name="Priority">high, medium or low.</param>
/// <param name="Due">The due date.</param>
/// <param name="Tags">The tags.</param>
/// <param name="IdempotencyKey">
/// Same for every attempt of one run step (null outside a run): a store that already holds a todo added with this
/// key returns that todo instead of adding a second one.
/// </param>
public sealed record TodoDraft(string Title, string Priority, DateOnly? Due, IReadOnlyList<string> Tags, string? IdempotencyKey);

/// <summary>A todo search.</summary>
/// <param name="Q">Text the title contains (case-insensitive), or null.</param>
/// <param name="Tag">A tag the todo carries, or null.</param>
/// <param name="Done">Only done (true) or open (false) todos, or both (null).</param>
/// <param name="Skip">How many matches to skip.</param>
/// <param name="Take">How many matches to return at most.</param>
public sealed record TodoQuery(string? Q = null, string? Tag = null, bool? Done = null, int Skip = 0, int Take = 100);
