namespace AgentFlows.Agents.Tools.Todos;

/// <summary>The base of the todo tools: they need a todo store.</summary>
public abstract class TodoActivity : ToolActivity
{
    private readonly ITodoRepository? _repository;

    /// <summary>Initializes a new instance of the <see cref="TodoActivity"/> class.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="repository">The todo store, or null when none is configured.</param>
    protected TodoActivity(string tool, ITodoRepository? repository)
        : base(ToolRegistry.Default.Get(tool)) => _repository = repository;

    /// <summary>Gets the todo store.</summary>
    /// <exception cref="NonRetriableException">No todo store is configured.</exception>
    protected ITodoRepository Repository =>
        _repository ?? throw new NonRetriableException($"Tool '{Tool.Name}' needs a todo store, and none is configured.");
}
