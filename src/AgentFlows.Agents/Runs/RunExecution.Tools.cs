using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Runs;

/// <summary>Which version of each tool the run asks for.</summary>
internal sealed partial class RunExecution
{
    /// <summary>Gets the registry the step's tool versions come from (the host's one registry).</summary>
    public ToolRegistry Registry { get; init; } = ToolRegistry.Default;

    /// <summary>
    /// The registry's version of a tool, recorded in the call's input. Deterministic: the registry is fixed for the
    /// life of the process, and a replay after a redeploy reads the version from history, not from here.
    /// </summary>
    private string? VersionOf(string tool) => Registry.TryGet(tool, out var descriptor) ? descriptor.Version : null;
}
