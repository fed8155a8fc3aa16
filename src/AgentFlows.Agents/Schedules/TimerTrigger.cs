using System.Globalization;
using AgentFlows.Client;

namespace AgentFlows.Agents.Schedules;

/// <summary>
/// Starts a schedule's orchestration for a tick with the instance id <c>schedule:{name}:{yyyyMMddTHHmmssZ}</c> and
/// dedupe on every status, so however many hosts see the tick, the store accepts exactly one instance.
/// </summary>
/// <param name="client">Starts and finds instances.</param>
/// <param name="time">The clock.</param>
public sealed class TimerTrigger(DurableTaskClient client, TimeProvider time)
{
    private const string TickFormat = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly OrchestrationRuntimeStatus[] _allStatuses = Enum.GetValues<OrchestrationRuntimeStatus>();

    /// <summary>The instance id prefix of a schedule.</summary>
    /// <param name="name">The schedule.</param>
    /// <returns><c>schedule:{name}:</c>.</returns>
    public static string Prefix(string name) => "schedule:" + name + ":";

    /// <summary>The instance id of a tick.</summary>
    /// <param name="name">The schedule.</param>
    /// <param name="tick">The tick (UTC).</param>
    /// <returns>The id.</returns>
    public static string InstanceId(string name, DateTimeOffset tick) => Prefix(name) + tick.UtcDateTime.ToString(TickFormat, CultureInfo.InvariantCulture);

    /// <summary>Starts the tick's instance unless any host already did.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="tick">The tick.</param>
    /// <param name="suffix">Appended to the id (e.g. <c>:manual</c> for a trigger-now).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The instance id, and false only when the store refused the id outright; a request deduped against an existing
    /// instance is accepted silently by the client (the store writes nothing), so true does not prove this host started it.
    /// </returns>
    public async Task<(string InstanceId, bool Started)> FireAsync(ScheduleDefinition schedule, DateTimeOffset tick, string? suffix = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var id = InstanceId(schedule.Name, tick) + suffix;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                schedule.Orchestrator,
                new { trigger = id },
                new StartOrchestrationOptions { InstanceId = id, DedupeStatuses = _allStatuses },
                cancellationToken).ConfigureAwait(false);
            return (id, true);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return (id, false);
        }
    }

    /// <summary>Finds the newest instance a schedule started.</summary>
    /// <param name="name">The schedule.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its id and tick, or null.</returns>
    public async Task<(string InstanceId, DateTimeOffset Tick)?> GetLastAsync(string name, CancellationToken cancellationToken = default)
    {
        (string, DateTimeOffset)? last = null;
        string? token = null;
        do
        {
            var page = await client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = Prefix(name), PageSize = 200, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                var text = item.InstanceId[Prefix(name).Length..].Split(':')[0];
                if (DateTime.TryParseExact(text, TickFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var tick)
                    && (last is null || tick > last.Value.Item2))
                {
                    last = (item.InstanceId, new DateTimeOffset(tick, TimeSpan.Zero));
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return last;
    }

    /// <summary>Describes a schedule for the API.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The description.</returns>
    public async Task<ScheduleInfo> DescribeAsync(ScheduleDefinition schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var last = await GetLastAsync(schedule.Name, cancellationToken).ConfigureAwait(false);
        var next = new DateTimeOffset(schedule.Parse().GetNextOccurrence(time.GetUtcNow().UtcDateTime), TimeSpan.Zero);
        return new ScheduleInfo(schedule.Name, schedule.Expression, last?.Tick, next, last?.InstanceId);
    }

    /// <summary>
    /// Runs a schedule until cancelled: first the newest tick missed since the schedule's last instance (once, when
    /// configured), then each next occurrence, sleeping on the <see cref="TimeProvider"/> in between.
    /// </summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="onFired">Told of each tick's instance id and whether this host started it.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that ends when cancelled.</returns>
    public async Task RunAsync(ScheduleDefinition schedule, Action<string, bool>? onFired = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var cron = schedule.Parse();
        var now = time.GetUtcNow().UtcDateTime;
        if (schedule.RunMissedOnStartup && await GetLastAsync(schedule.Name, cancellationToken).ConfigureAwait(false) is { } last)
        {
            var missed = cron.GetNextOccurrences(last.Tick.UtcDateTime, now.AddTicks(1)).Where(t => t > last.Tick.UtcDateTime).LastOrDefault();
            if (missed != default)
            {
                var (id, started) = await FireAsync(schedule, new DateTimeOffset(missed, TimeSpan.Zero), null, cancellationToken).ConfigureAwait(false);
                onFired?.Invoke(id, started);
            }
        }

        var cursor = now;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = cron.GetNextOccurrence(cursor);
            var delay = new DateTimeOffset(next, TimeSpan.Zero) - time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }

            var (id, started) = await FireAsync(schedule, new DateTimeOffset(next, TimeSpan.Zero), null, cancellationToken).ConfigureAwait(false);
            onFired?.Invoke(id, started);
            cursor = next;
        }
    }
}
