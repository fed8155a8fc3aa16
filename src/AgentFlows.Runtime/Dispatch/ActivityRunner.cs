using System.Text;
using AgentFlows.Diagnostics;
using AgentFlows.Hosting;
using AgentFlows.History;
using AgentFlows.Serialization;
using AgentFlows.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Dispatch;

/// <summary>Runs one activity attempt: resolves it, renews its lease while it runs, and records its result.</summary>
internal sealed class ActivityRunner(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    Execution.RuntimeLimits limits,
    DurableTaskWorkerOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Runs the attempt and records its result.</summary>
    /// <param name="item">The locked attempt.</param>
    /// <param name="hardStop">Cancels the activity when the host must stop now.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(ActivityWorkItem item, CancellationToken hardStop)
    {
        var scheduled = item.Message.Event;
        using var telemetry = ActivityTelemetry.Start(item, time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
        using var renewal = StartRenewal(item, cts);
        var result = await ExecuteAsync(item, cts.Token).ConfigureAwait(false);
        await renewal.StopAsync().ConfigureAwait(false);
        if (hardStop.IsCancellationRequested)
        {
            // Stopping mid-attempt: give the attempt back so another host (or this one after restart) runs it.
            await store.AbandonActivityAsync(item, CancellationToken.None).ConfigureAwait(false);
            telemetry.Abandoned();
            return;
        }

        telemetry.Finished(result);
        var message = new OrchestrationMessage(item.Message.InstanceId, result, time.GetUtcNow().UtcDateTime);
        if (!await store.CompleteActivityAsync(item, message).ConfigureAwait(false))
        {
            logger.ActivityLeaseLost(item.Message.InstanceId, scheduled.Name ?? "?", scheduled.EventId);
            return;
        }

        logger.ActivityFinished(item.Message.InstanceId, scheduled.Name ?? "?", scheduled.EventId, scheduled.Attempt ?? 1, result.EventType.ToString());
    }

    private async Task<HistoryEvent> ExecuteAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        var scheduled = item.Message.Event;
        var name = scheduled.Name ?? string.Empty;
        try
        {
            if (!registry.TryGetActivity(name, out var factory))
            {
                throw new NonRetriableException($"No activity named '{name}' is registered on this host.");
            }

            var activity = factory(services);
            var input = converter.Deserialize(scheduled.Input, activity.InputType);
            var context = new TaskActivityContext(name, item.Message.InstanceId, scheduled.EventId, scheduled.Attempt ?? 1, cancellationToken);
            var output = converter.Serialize(await activity.RunAsync(context, input).ConfigureAwait(false));
            var size = output is null ? 0 : Encoding.UTF8.GetByteCount(output);
            if (size > limits.MaxPayloadBytes)
            {
                throw new PayloadTooLargeException($"output of activity '{name}'", size, limits.MaxPayloadBytes);
            }

            return Result(scheduled, item, EventType.TaskCompleted) with { Result = output };
        }
        catch (Exception ex)
        {
            var failure = FailureDetails.FromException(ex);
            if (ex is PayloadTooLargeException or System.Text.Json.JsonException)
            {
                failure = failure with { IsNonRetriable = true };
            }

            return Result(scheduled, item, EventType.TaskFailed) with { FailureDetails = failure, Reason = failure.ErrorMessage };
        }
    }

    private HistoryEvent Result(HistoryEvent scheduled, ActivityWorkItem item, EventType type) => new()
    {
        EventType = type,
        Timestamp = time.GetUtcNow().UtcDateTime,
        TaskScheduledId = scheduled.EventId,
        Attempt = scheduled.Attempt,
        ExecutionId = item.Message.ExecutionId,
    };

    private LeaseRenewal StartRenewal(ActivityWorkItem item, CancellationTokenSource onLost) =>
        new(async () =>
        {
            item = await store.RenewActivityAsync(item, options.ActivityLease).ConfigureAwait(false);
        }, options.ActivityLease / 2, time, onLost);
}
