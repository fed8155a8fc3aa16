using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Todos;

/// <summary>The <c>todo.list</c> tool.</summary>
public sealed class TodoListActivity : TodoActivity
{
    /// <summary>Initializes a new instance of the <see cref="TodoListActivity"/> class.</summary>
    /// <param name="repository">The todo store, or null when none is configured.</param>
    public TodoListActivity(ITodoRepository? repository)
        : base(ToolNames.TodoList, repository)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var args = invocation.Args;
        var query = new TodoQuery(args["q"]?.GetValue<string>(), args["tag"]?.GetValue<string>(), args["done"]?.GetValue<bool>());
        var todos = await Repository.ListAsync(invocation.Tenant, query, cancellationToken).ConfigureAwait(false);
        return new JsonArray(todos.Select(t => (JsonNode?)t.ToJson()).ToArray());
    }
}
