using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Runs;

/// <summary>The run view assembled from the projected step states and the instance row.</summary>
public sealed partial class RunProjection
{
    /// <summary>Builds the view of <c>GET /api/runs/{runId}</c>.</summary>
    /// <returns>The view.</returns>
    public RunView ToView()
    {
        var steps = (Plan?.Steps ?? []).Select(s =>
        {
            var state = _steps.GetValueOrDefault(s.Id) ?? new StepState();
            return new RunStepView
            {
                Id = s.Id,
                Tool = s.Tool,
                ToolVersion = state.ToolVersion,
                Args = (JsonObject)s.Args.DeepClone(),
                DependsOn = s.DependsOn,
                Status = state.Status,
                Attempts = state.Attempts,
                Output = state.Output?.DeepClone(),
                Error = state.Error,
                StartedAt = Utc(state.StartedAt),
                CompletedAt = Utc(state.CompletedAt),
            };
        }).ToList();
        return new RunView
        {
            RunId = Instance.InstanceId,
            Status = StatusOf(Instance),
            Prompt = Request.Prompt,
            SessionId = Request.SessionId,
            Planner = Planner,
            Plan = new RunPlanView(steps),
            Result = Instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? Parse(Instance.SerializedOutput)?["result"]?.DeepClone() : null,
            Error = ErrorOf(Instance),
            CreatedAt = Instance.CreatedAt,
            UpdatedAt = Instance.LastUpdatedAt,
        };
    }

    /// <summary>Maps an instance status (and its custom status phase) to a run status.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>The run status.</returns>
    public static string StatusOf(Client.OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending => "Pending",
            OrchestrationRuntimeStatus.Completed => "Completed",
            OrchestrationRuntimeStatus.Failed => "Failed",
            OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled => "Canceled",
            OrchestrationRuntimeStatus.Suspended => "Suspended",
            _ when instance.SerializedCustomStatus?.Contains("\"WaitingForApproval\"", StringComparison.Ordinal) == true => "WaitingForApproval",
            _ => "Running",
        };
    }

    private static string? ErrorOf(Client.OrchestrationMetadata instance) => instance.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Failed => instance.FailureDetails?.InnerFailure?.ErrorMessage ?? instance.FailureDetails?.ErrorMessage ?? instance.SerializedOutput,
        OrchestrationRuntimeStatus.Terminated => "Canceled: " + (Parse(instance.SerializedOutput)?.ToString() ?? "no reason given"),
        _ => null,
    };

    private static DateTimeOffset? Utc(DateTime? at) => at is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
