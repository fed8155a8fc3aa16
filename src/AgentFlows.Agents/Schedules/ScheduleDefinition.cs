using NCrontab;

namespace AgentFlows.Agents.Schedules;

/// <summary>A timer trigger: an NCRONTAB schedule with seconds that starts an orchestration on each tick.</summary>
/// <param name="Name">The schedule's name (part of every instance id it starts).</param>
/// <param name="Expression">The NCRONTAB expression, 6 fields (<c>sec min hour day month weekday</c>).</param>
/// <param name="Orchestrator">The orchestration to start.</param>
/// <param name="RunMissedOnStartup">Whether a tick missed while every host was down runs once at start-up.</param>
public sealed record ScheduleDefinition(string Name, string Expression, string Orchestrator, bool RunMissedOnStartup = true)
{
    /// <summary>Parses the expression (throws <see cref="CrontabException"/> when invalid).</summary>
    /// <returns>The schedule.</returns>
    public CrontabSchedule Parse() => CrontabSchedule.Parse(Expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
}

/// <summary>What <c>GET /api/schedules</c> shows of a schedule.</summary>
/// <param name="Name">The name.</param>
/// <param name="Schedule">The expression.</param>
/// <param name="LastOccurrence">The tick of the newest instance it started, or null.</param>
/// <param name="NextOccurrence">The next tick.</param>
/// <param name="LastInstanceId">The newest instance it started, or null.</param>
public sealed record ScheduleInfo(string Name, string Schedule, DateTimeOffset? LastOccurrence, DateTimeOffset NextOccurrence, string? LastInstanceId);
