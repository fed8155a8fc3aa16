using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Tests.Fakes;

/// <summary>Runs a tool activity the way the runtime would.</summary>
internal static class Activities
{
    public static Task<JsonNode?> RunAsync(ToolActivity activity, string argsJson, string tenant = "default", string? runId = null, string? stepId = null) =>
        activity.RunAsync(
            new TaskActivityContext(activity.Tool.Name, "instance-1", 1, 1, CancellationToken.None),
            new ToolInvocation { Args = JsonNode.Parse(argsJson)!.AsObject(), Tenant = tenant, RunId = runId, StepId = stepId });
}
