using AgentFlows.Cli.Api;

namespace AgentFlows.Cli.Watch;

/// <summary>
/// Follows a run until it ends: the plan from <c>GET /api/runs/{runId}</c>, then every event of the stream
/// (resumed after drops), and at the end the server's final view of the run.
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="context">The client's context (clock, reconnect policy, standard error).</param>
internal sealed class RunWatcher(AgentFlowsApiClient client, CliContext context)
{
    /// <summary>Watches the run until its terminal event.</summary>
    /// <param name="progress">The run's progress, updated in place under its <see cref="RunProgress.Gate"/>.</param>
    /// <param name="view">Where progress is shown.</param>
    /// <param name="cancellationToken">Stops watching (the run goes on).</param>
    /// <returns>A task that completes once the run ended and its final state was shown.</returns>
    public async Task WatchAsync(RunProgress progress, IRunProgressView view, CancellationToken cancellationToken)
    {
        var runId = progress.RunId;
        var initial = await client.GetRunAsync(runId, cancellationToken);
        lock (progress.Gate)
        {
            progress.Apply(initial, includeProgress: false);
            view.Refresh(progress);
        }

        var follower = new RunEventFollower(
            client,
            context.TimeProvider,
            context.ReconnectDelay,
            context.MaxReconnectAttempts,
            message => context.Error.WriteLine(message));

        await foreach (var line in follower.FollowAsync(runId, cancellationToken))
        {
            var e = line.Event;
            RunDetails? plan = null;
            if (e.Type == RunEventTypes.PlanCreated || (e.StepId is { Length: > 0 } id && !progress.HasStep(id)))
            {
                plan = await client.GetRunAsync(runId, cancellationToken);
            }

            lock (progress.Gate)
            {
                if (plan is not null)
                {
                    progress.Apply(plan, includeProgress: false);
                }

                var step = progress.Apply(e, context.TimeProvider.GetUtcNow());
                view.OnEvent(progress, e, step);
            }
        }

        RunDetails? final = null;
        try
        {
            final = await client.GetRunAsync(runId, cancellationToken);
        }
        catch (Exception ex) when (ex is AgentFlowsApiException or AgentFlowsUnreachableException)
        {
            // The stream already said how the run ended; the final snapshot only adds timings and the result.
        }

        lock (progress.Gate)
        {
            if (final is not null)
            {
                progress.Apply(final, includeProgress: true);
            }

            view.Refresh(progress);
        }
    }
}
