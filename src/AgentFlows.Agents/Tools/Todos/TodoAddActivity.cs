using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Todos;

/// <summary>The <c>todo.add</c> tool; a relative due date ("tomorrow") is fixed against the clock when it runs.</summary>
public sealed class TodoAddActivity : TodoActivity
{
    private readonly TimeProvider _clock;

    /// <summary>Initializes a new instance of the <see cref="TodoAddActivity"/> class.</summary>
    /// <param name="repository">The todo store, or null when none is configured.</param>
    /// <param name="clock">The clock for relative due dates; the system clock when null.</param>
    public TodoAddActivity(ITodoRepository? repository, TimeProvider? clock = null)
        : base(ToolNames.TodoAdd, repository) => _clock = clock ?? TimeProvider.System;

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var args = invocation.Args;
        DateOnly? due = null;
        if (args["due"]?.GetValue<string>() is { } text)
        {
            try
            {
                due = DueDates.Resolve(text, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));
            }
            catch (FormatException e)
            {
                throw new NonRetriableException(e.Message, e);
            }
        }

        var tags = (args["tags"] as JsonArray ?? []).Select(t => t!.GetValue<string>().Trim()).Where(t => t.Length > 0).Distinct().ToArray();
        var draft = new TodoDraft(args["title"]!.GetValue<string>().Trim(), args["priority"]?.GetValue<string>() ?? "medium", due, tags, invocation.IdempotencyKey);
        var todo = await Repository.AddAsync(invocation.Tenant, draft, cancellationToken).ConfigureAwait(false);
        return todo.ToJson();
    }
}
