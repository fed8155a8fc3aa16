using System.Text.Json;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;

namespace AgentFlows.Host.Runs;

/// <summary>Finds runs: orchestration instances named <c>AgentRun</c>. Any other instance is, for the run API, not a run.</summary>
internal static class RunLookup
{
    /// <summary>
    /// Gets a run of the tenant with its input, output and custom status, or null when the tenant has no run with the
    /// id: another tenant's run is not found, exactly like an id that does not exist.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="runId">The run id (any string: an id that cannot exist simply finds nothing).</param>
    /// <param name="tenant">The caller's tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance or null.</returns>
    public static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, string runId, string tenant, CancellationToken cancellationToken)
    {
        if (InstanceIds.FindProblem(runId) is not null)
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        return instance is { Name: RunNames.Orchestrator } && TenantOf(instance) == tenant ? instance : null;
    }

    /// <summary>Gets the tenant a run belongs to: the one in its input (runs from before tenancy belong to <c>default</c>).</summary>
    /// <param name="instance">The run, with its input.</param>
    /// <returns>The tenant.</returns>
    public static string TenantOf(OrchestrationMetadata instance) =>
        RunProjection.ReadRequest(instance.SerializedInput).Tenant ?? Security.SecuritySettings.DefaultTenant;

    /// <summary>Names a runtime status as the run API does (without the approval phase, which needs custom status).</summary>
    /// <param name="status">The runtime status.</param>
    /// <returns>The run status.</returns>
    public static string StatusName(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled => "Canceled",
        _ => status.ToString(),
    };

    /// <summary>Reads the steps waiting for approval from the custom status <c>{"phase":…,"waitingSteps":[…]}</c>.</summary>
    /// <param name="instance">The instance, with its custom status.</param>
    /// <returns>The step ids; empty when none wait.</returns>
    public static IReadOnlyList<string> WaitingSteps(OrchestrationMetadata instance)
    {
        try
        {
            var phase = instance.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize<RunPhase>(json) : null;
            return phase is { Phase: "WaitingForApproval" } ? phase.WaitingSteps ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Gets the run's path in the run API.</summary>
    /// <param name="runId">The run id.</param>
    /// <returns>The path.</returns>
    public static string PathOf(string runId) => "/api/runs/" + Uri.EscapeDataString(runId);
}
