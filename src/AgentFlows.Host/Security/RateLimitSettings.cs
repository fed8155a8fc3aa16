using System.Globalization;
using AgentFlows.Host.Configuration;

namespace AgentFlows.Host.Security;

/// <summary>The request budgets (section <c>AgentFlows:RateLimit</c>).</summary>
/// <param name="PermitsPerMinute">Requests per minute per key (per address for callers without a valid key); 0 turns the limit off.</param>
/// <param name="MaxConcurrentRunStarts">Run starts in progress at once, across all keys.</param>
/// <param name="RunStartQueueLimit">Run starts that wait for a slot before more are refused.</param>
internal sealed record RateLimitSettings(int PermitsPerMinute, int MaxConcurrentRunStarts, int RunStartQueueLimit)
{
    /// <summary>Reads the settings; a bad value stops start-up naming the setting.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The settings.</returns>
    public static RateLimitSettings Load(IConfiguration configuration) => new(
        Int(configuration, "PermitsPerMinute", 600, 0, 1_000_000),
        Int(configuration, "MaxConcurrentRunStarts", 32, 1, 10_000),
        Int(configuration, "RunStartQueueLimit", 64, 0, 100_000));

    private static int Int(IConfiguration configuration, string name, int fallback, int min, int max)
    {
        var text = configuration["AgentFlows:RateLimit:" + name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new SettingsException("AgentFlows__RateLimit__" + name, text, $"an integer from {min} to {max}");
    }
}
