using System.Data.Common;
using AgentFlows.Agents.Lifecycle;
using AgentFlows.Agents.Schedules;
using AgentFlows.Agents.Tools.Todos;
using AgentFlows.Host.Configuration;

namespace AgentFlows.Host.Lifecycle;

/// <summary>Registers the fine-tuning lifecycle: its settings, model registry, environment and timer trigger.</summary>
internal static class LifecycleHosting
{
    /// <summary>The schedule's name in <c>GET /api/schedules</c> and in instance ids (<c>schedule:finetune:…</c>).</summary>
    public const string ScheduleName = "finetune";

    /// <summary>Registers the lifecycle's services.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="settings">The host settings (the store type picks the SQL dialect).</param>
    /// <param name="contentRoot">The content root; datasets go under <c>.agentflows/lifecycle</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddLifecycle(this IServiceCollection services, IConfiguration configuration, AgentFlowsSettings settings, string contentRoot)
    {
        var options = configuration.GetSection(LifecycleOptions.Section).Get<LifecycleOptions>() ?? new LifecycleOptions();
        var schedule = string.IsNullOrWhiteSpace(options.Schedule)
            ? null
            : new ScheduleDefinition(ScheduleName, options.Schedule.Trim(), LifecycleNames.Orchestrator, options.RunMissedOnStartup);
        if (schedule is not null && NCrontab.CrontabSchedule.TryParse(schedule.Expression, new NCrontab.CrontabSchedule.ParseOptions { IncludingSeconds = true }) is null)
        {
            throw new SettingsException("AgentFlows__Lifecycle__Schedule", options.Schedule, "an NCRONTAB expression with six fields (seconds first), e.g. 0 0 3 * * *, or empty to disable");
        }

        var folder = options.DataFolder ?? Path.Combine(contentRoot, ".agentflows", "lifecycle");
        var dialect = settings.StorageType == "postgres" ? TodoSqlDialect.PostgreSql : TodoSqlDialect.Sqlite;
        services.AddSingleton(options);
        services.AddSingleton(new Schedules(schedule is null ? [] : [schedule]));
        services.AddSingleton(new LifecycleEnvironment(options, new HttpClient { Timeout = TimeSpan.FromMinutes(5) }, folder));
        services.AddSingleton(sp => new DbModelRegistry(sp.GetRequiredService<DbDataSource>(), dialect, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IModelRegistry>(sp => sp.GetRequiredService<DbModelRegistry>());
        services.AddSingleton(sp => new TimerTrigger(sp.GetRequiredService<AgentFlows.Client.DurableTaskClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SchedulerService>();
        return services;
    }
}

/// <summary>The configured schedules.</summary>
/// <param name="All">The schedules.</param>
internal sealed record Schedules(IReadOnlyList<ScheduleDefinition> All);
