using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Todos;

/// <summary>
/// The <c>todo.complete</c> tool: by <c>id</c> (a string, a number, or a todo object from an earlier step) or by
/// exact <c>title</c> (case-insensitive). An unknown todo, or a title several open todos share, fails the step
/// without retries. Completing a todo that is already done succeeds, so a repeated attempt is harmless.
/// </summary>
public sealed class TodoCompleteActivity : TodoActivity
{
    /// <summary>Initializes a new instance of the <see cref="TodoCompleteActivity"/> class.</summary>
    /// <param name="repository">The todo store, or null when none is configured.</param>
    public TodoCompleteActivity(ITodoRepository? repository)
        : base(ToolNames.TodoComplete, repository)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var id = invocation.Args["id"] is { } idNode ? IdOf(idNode) : await IdByTitleAsync(invocation, cancellationToken).ConfigureAwait(false);
        var todo = await Repository.CompleteAsync(invocation.Tenant, id, cancellationToken).ConfigureAwait(false)
            ?? throw new NonRetriableException($"There is no todo with id '{id}'.");
        return todo.ToJson();
    }

    private static string IdOf(JsonNode node) => node switch
    {
        JsonObject todo when todo["id"] is JsonValue inner => IdOf(inner),
        JsonObject => throw new NonRetriableException("The todo to complete was given as an object without an 'id'."),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => node.GetValue<string>().Trim().TrimStart('#'),
    };

    private async Task<string> IdByTitleAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var title = invocation.Args["title"]!.GetValue<string>().Trim();
        var found = await Repository.ListAsync(invocation.Tenant, new TodoQuery(Q: title, Take: 500), cancellationToken).ConfigureAwait(false);
        var same = found.Where(t => string.Equals(t.Title.Trim(), title, StringComparison.OrdinalIgnoreCase)).ToArray();
        var open = same.Where(t => !t.Done).ToArray();
        return open.Length switch
        {
            1 => open[0].Id,
            > 1 => throw new NonRetriableException($"{open.Length} open todos are titled '{title}' (ids {string.Join(", ", open.Select(t => t.Id))}); complete one by id."),
            _ when same.Length > 0 => same[0].Id,
            _ => throw new NonRetriableException(string.Create(CultureInfo.InvariantCulture, $"There is no todo titled '{title}'.")),
        };
    }
}
