using System.Globalization;

namespace AgentFlows.Cli.Output;

/// <summary>Culture-independent text for durations and times.</summary>
internal static class Formatting
{
    /// <summary>Formats a duration compactly: <c>0.25s</c>, <c>12.3s</c>, <c>2m05s</c>, <c>1h02m</c>.</summary>
    /// <param name="duration">The duration, or <see langword="null"/>.</param>
    /// <returns>The text, or <c>-</c> for none.</returns>
    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "-",
        { } d when d < TimeSpan.Zero => "0s",
        { TotalSeconds: < 10 } d => d.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s",
        { TotalSeconds: < 60 } d => d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s",
        { TotalHours: < 1 } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes}m{d.Seconds:00}s"),
        { } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h{d.Minutes:00}m"),
    };

    /// <summary>Formats a time as UTC ISO 8601 with milliseconds.</summary>
    /// <param name="time">The time, or <see langword="null"/>.</param>
    /// <returns>The text, or <c>-</c> for none.</returns>
    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>Shortens text to one line of at most <paramref name="max"/> characters.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <param name="max">The longest result.</param>
    /// <returns>The shortened text, or <c>-</c> for none.</returns>
    public static string OneLine(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "-";
        }

        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }

    /// <summary>Cuts long text (a run's result) to <paramref name="max"/> characters and says where the whole of it is.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The most characters shown.</param>
    /// <param name="whole">The command that shows all of it.</param>
    /// <returns>The text, or its start and a note.</returns>
    public static string Clip(string text, int max, string whole) =>
        text.Length <= max
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, max)}… ({text.Length - max:N0} more characters; `{whole}` shows all)");
}
