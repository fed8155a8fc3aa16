using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AgentFlows.Http.Internal;

/// <summary>
/// Reads query parameters the way Durable Functions does: names case-insensitive, unparseable values fall back to the
/// default instead of failing the request.
/// </summary>
internal static class QueryValues
{
    public static string? String(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public static bool Bool(HttpRequest request, string name, bool defaultValue) =>
        bool.TryParse(String(request, name), out var value) ? value : defaultValue;

    public static int? Int(HttpRequest request, string name) =>
        int.TryParse(String(request, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A number of seconds (<c>timeout</c>, <c>pollingInterval</c>); NaN and negatives read as zero, huge values as <paramref name="max"/>.</summary>
    public static TimeSpan? Seconds(HttpRequest request, string name, TimeSpan max)
    {
        if (!double.TryParse(String(request, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        if (double.IsNaN(seconds) || seconds <= 0)
        {
            return TimeSpan.Zero;
        }

        return seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>An ISO-8601 time; without an offset it is UTC. Years written with fewer than four digits are padded, as DF does for Python clients.</summary>
    public static DateTimeOffset? Time(HttpRequest request, string name)
    {
        var text = String(request, name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash is > 0 and < 4 && text.AsSpan(0, dash).ContainsOnlyDigits())
        {
            text = new string('0', 4 - dash) + text;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
    }

    /// <summary>
    /// <c>runtimeStatus</c>: a comma list and/or repeated parameters of status names (case-sensitive, as DF's
    /// <c>Enum.TryParse</c>); unknown values are dropped; null when none is left.
    /// </summary>
    public static IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return null;
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(','))
            {
                if (Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: false, out var status) && Enum.IsDefined(status) && !statuses.Contains(status))
                {
                    statuses.Add(status);
                }
            }
        }

        return statuses.Count > 0 ? statuses : null;
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
