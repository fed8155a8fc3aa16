namespace AgentFlows.Host.Operations.Retention;

/// <summary>Runs a retention sweep at start-up and then every <see cref="RetentionSettings.Interval"/>, unless retention is off.</summary>
/// <param name="purger">The purger.</param>
/// <param name="settings">The settings.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
internal sealed class RetentionService(RetentionPurger purger, RetentionSettings settings, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Registers retention.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(RetentionSettings.Load(configuration));
        services.AddSingleton<RetentionPurger>();
        services.AddHostedService<RetentionService>();
        return services;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        // A short delay first: the worker creates the schema when it starts.
        var wait = TimeSpan.FromSeconds(30);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                await purger.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.RetentionSweepFailed(ex);
            }

            wait = settings.Interval;
        }
    }
}
