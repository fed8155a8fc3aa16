namespace AgentFlows.Agents.Tools;

/// <summary>The tools plan steps may call, by name (case-insensitive).</summary>
public sealed class ToolRegistry
{
    private readonly Dictionary<string, ToolDescriptor> _tools = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ToolDescriptor> _all = [];

    /// <summary>Initializes a new instance of the <see cref="ToolRegistry"/> class.</summary>
    /// <param name="tools">The tools; names must be unique.</param>
    public ToolRegistry(IEnumerable<ToolDescriptor> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools)
        {
            if (!_tools.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"The tool '{tool.Name}' is registered twice.", nameof(tools));
            }

            _all.Add(tool);
        }
    }

    /// <summary>Gets the registry of the built-in tools.</summary>
    public static ToolRegistry Default { get; } = new(BuiltInTools.Create());

    /// <summary>Gets every tool, in registration order.</summary>
    public IReadOnlyList<ToolDescriptor> All => _all;

    /// <summary>Finds a tool.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="tool">The tool when found.</param>
    /// <returns>Whether the tool exists.</returns>
    public bool TryGet(string name, out ToolDescriptor tool) => _tools.TryGetValue(name, out tool!);

    /// <summary>Gets a tool that must exist.</summary>
    /// <param name="name">The tool name.</param>
    /// <returns>The tool.</returns>
    /// <exception cref="KeyNotFoundException">No such tool.</exception>
    public ToolDescriptor Get(string name) =>
        TryGet(name, out var tool) ? tool : throw new KeyNotFoundException($"No tool named '{name}' is registered.");
}
