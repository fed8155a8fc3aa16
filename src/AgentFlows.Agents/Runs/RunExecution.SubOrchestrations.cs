using System.Text.Json.Nodes;
using AgentFlows.Agents.DataLifecycle;

namespace AgentFlows.Agents.Runs;

/// <summary>Steps that run as sub-orchestrations of the run rather than as one activity.</summary>
internal sealed partial class RunExecution
{
    /// <summary>
    /// Runs a <c>data.lifecycle</c> step as the <c>DataCleaningLifecycle</c> child, so each of its rounds is a checkpoint.
    /// The child id comes from the run and step ids: the same on every replay, and a rewind of the run rewinds it in place.
    /// </summary>
    private Task<JsonNode?> RunLifecycleAsync(Plans.PlanStep step, JsonObject args)
    {
        var input = new DataLifecycleRequest { Args = args, Tenant = Tenant, RunId = context.InstanceId, StepId = step.Id, ToolVersion = VersionOf(step.Tool), MaxAttempts = request.MaxAttempts };
        var options = new SubOrchestrationOptions { InstanceId = DataLifecycleNames.ChildInstanceId(context.InstanceId, step.Id) };
        return context.CallSubOrchestratorAsync<JsonNode?>(DataLifecycleNames.Orchestrator, input, options);
    }
}
