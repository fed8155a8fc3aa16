using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;
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

    /// <summary>Gets the tenant the run belongs to; the tools keep their data per tenant.</summary>
    private string Tenant => request.Tenant ?? "default";

    /// <summary>The input of a step's tool call: its resolved arguments, who it is for, and the tool version asked for.</summary>
    private ToolInvocation InvocationFor(PlanStep step, JsonObject args) =>
        new() { Args = args, Tenant = Tenant, RunId = context.InstanceId, StepId = step.Id, ToolVersion = VersionOf(step.Tool) };
}
