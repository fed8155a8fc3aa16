using AgentFlows.Client;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>Waits for runs on the in-process change notices of the worker: no polling, no sleeps, always bounded.</summary>
internal static class RunWaits
{
    /// <summary>Waits until the run has ended.</summary>
    /// <param name="factory">The host.</param>
    /// <param name="runId">The run id.</param>
    /// <returns>The instance.</returns>
    public static async Task<OrchestrationMetadata> CompletionAsync(this AgentFlowsFactory factory, string runId)
    {
        using var timeout = TestTimeouts.ForRun();
        return await factory.Durable.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits until the instance satisfies <paramref name="done"/>.</summary>
    /// <param name="factory">The host.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="done">The condition.</param>
    /// <returns>The instance.</returns>
    public static async Task<OrchestrationMetadata> UntilAsync(this AgentFlowsFactory factory, string runId, Func<OrchestrationMetadata, bool> done)
    {
        using var timeout = TestTimeouts.ForRun();
        while (true)
        {
            // Register for the next change before reading, so a change in between is not missed.
            var change = factory.Changes.NextChange(runId);
            var instance = await factory.Durable.GetInstanceAsync(runId, getInputsAndOutputs: true, timeout.Token);
            if (instance is not null && done(instance))
            {
                return instance;
            }

            await change.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Waits until the run waits for approval.</summary>
    /// <param name="factory">The host.</param>
    /// <param name="runId">The run id.</param>
    /// <returns>The instance.</returns>
    public static Task<OrchestrationMetadata> WaitingForApprovalAsync(this AgentFlowsFactory factory, string runId) =>
        factory.UntilAsync(runId, i => i.SerializedCustomStatus?.Contains("\"WaitingForApproval\"", StringComparison.Ordinal) == true);
}

/// <summary>Waits on the run view (GET /api/runs/{id}) rather than the instance row.</summary>
internal static class RunViewWaits
{
    /// <summary>Waits until the run's view satisfies <paramref name="done"/>; re-reads it at every change of the instance.</summary>
    /// <param name="factory">The host.</param>
    /// <param name="http">A client of the host.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="done">The condition.</param>
    /// <returns>The view.</returns>
    public static async Task<JsonObject> UntilViewAsync(this AgentFlowsFactory factory, HttpClient http, string runId, Func<JsonObject, bool> done)
    {
        using var timeout = TestTimeouts.ForRun();
        while (true)
        {
            var change = factory.Changes.NextChange(runId);
            var view = await http.GetRunAsync(runId);
            if (done(view))
            {
                return view;
            }

            await change.WaitAsync(timeout.Token);
        }
    }
}
