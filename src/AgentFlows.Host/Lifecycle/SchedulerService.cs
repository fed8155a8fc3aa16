using AgentFlows.Agents.Lifecycle;
using AgentFlows.Agents.Schedules;

namespace AgentFlows.Host.Lifecycle;

/// <summary>
/// Creates the model registry's tables, then runs every timer trigger until the host stops. Each due tick starts
/// its orchestration under an id derived from the schedule and the tick, so with several hosts one instance runs.
/// </summary>
internal sealed class SchedulerService(Schedules schedules, TimerTrigger trigger, DbModelRegistry models, ILogger<SchedulerService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await models.EnsureSchemaAsync(stoppingToken);
        await Task.WhenAll(schedules.All.Select(s => RunAsync(s, stoppingToken)));
    }

    private async Task RunAsync(ScheduleDefinition schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await trigger.RunAsync(schedule, (id, started) => logger.LogInformation("Schedule {Schedule} fired {InstanceId} (started here: {Started})", schedule.Name, id, started), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be briefly unreachable; the trigger resumes and catches up on the missed tick.
                logger.LogError(ex, "Schedule {Schedule} failed; retrying in 10 seconds", schedule.Name);
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
