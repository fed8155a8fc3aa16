using System.Text.Json;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;

namespace AgentFlows.Host.Runs;

/// <summary>Finds runs: orchestration instances named <c>AgentRun</c>. Any other instance is, for the run API, not a run.</summary>
internal static class RunLookup
{
    /// <summary>Gets a run with its input, output and custom status, or null when there is no run with the id.</summary>
    /// <param name="client">The client.</param>
    /// <param name="runId">The run id (any string: an id that cannot exist simply finds nothing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance or null.</returns>
    public static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken)
    {
        if (InstanceIds.FindProblem(runId) is not null)
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        return instance is { Name: RunNames.Orchestrator } ? instance : null;
    }

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
