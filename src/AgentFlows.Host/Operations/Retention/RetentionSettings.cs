using System.Globalization;
using AgentFlows.Host.Configuration;

namespace AgentFlows.Host.Operations.Retention;

/// <summary>How long ended runs are kept (section <c>AgentFlows:Retention</c>).</summary>
/// <param name="MaxAge">Ended instances older than this are purged (<c>MaxAgeDays</c>, default 30; 0 turns retention off).</param>
/// <param name="BatchSize">The most instances one batch purges (<c>BatchSize</c>, default 100).</param>
/// <param name="Pause">The pause between two batches, so purging never hogs the store (<c>PauseMilliseconds</c>, default 1000).</param>
/// <param name="Interval">The time between two sweeps (<c>IntervalMinutes</c>, default 60).</param>
internal sealed record RetentionSettings(TimeSpan MaxAge, int BatchSize, TimeSpan Pause, TimeSpan Interval)
{
    /// <summary>Gets a value indicating whether retention purges anything.</summary>
    public bool Enabled => MaxAge > TimeSpan.Zero;

    /// <summary>Reads the settings; a bad value stops start-up naming the setting.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The settings.</returns>
    public static RetentionSettings Load(IConfiguration configuration) => new(
        TimeSpan.FromDays(Number(configuration, "MaxAgeDays", 30, 0, 36_500)),
        (int)Number(configuration, "BatchSize", 100, 1, 10_000),
        TimeSpan.FromMilliseconds(Number(configuration, "PauseMilliseconds", 1000, 0, 3_600_000)),
        TimeSpan.FromMinutes(Number(configuration, "IntervalMinutes", 60, 1, 10_080)));

    private static double Number(IConfiguration configuration, string name, double fallback, double min, double max)
    {
        var text = configuration["AgentFlows:Retention:" + name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new SettingsException("AgentFlows__Retention__" + name, text, $"a number from {min} to {max}");
    }
}
