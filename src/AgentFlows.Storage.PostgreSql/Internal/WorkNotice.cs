using System.Globalization;

namespace AgentFlows.Storage.PostgreSql.Internal;

/// <summary>
/// The payload of a NOTIFY: the kind of work (<c>o</c> orchestration, <c>a</c> activity), when it becomes visible
/// (UTC ticks) and the sending store, e.g. <c>o638712345678900000|5f2a9c01</c>. SQL builds the same text as
/// <c>'o' || ready_at || @sender</c>, where the sender part starts with the bar.
/// </summary>
internal static class WorkNotice
{
    /// <summary>Formats a payload.</summary>
    /// <param name="kind">The kind of work.</param>
    /// <param name="visibleTicks">When it becomes visible.</param>
    /// <param name="sender">The sender part, starting with <c>|</c>.</param>
    /// <returns>The payload.</returns>
    public static string Format(WorkItemKind kind, long visibleTicks, string sender) =>
        Prefix(kind) + visibleTicks.ToString(CultureInfo.InvariantCulture) + sender;

    /// <summary>Gets the one-letter prefix of a kind.</summary>
    /// <param name="kind">The kind of work.</param>
    /// <returns>The prefix.</returns>
    public static string Prefix(WorkItemKind kind) => kind == WorkItemKind.Orchestration ? "o" : "a";

    /// <summary>Parses a payload; false when it is not one of ours.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="kind">The kind of work.</param>
    /// <param name="visibleTicks">When it becomes visible.</param>
    /// <param name="sender">The sender part, with its bar.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string payload, out WorkItemKind kind, out long visibleTicks, out ReadOnlySpan<char> sender)
    {
        kind = default;
        visibleTicks = 0;
        sender = default;
        var bar = payload.IndexOf('|', StringComparison.Ordinal);
        if (payload.Length < 2 || bar < 2 || payload[0] is not ('o' or 'a'))
        {
            return false;
        }

        kind = payload[0] == 'o' ? WorkItemKind.Orchestration : WorkItemKind.Activity;
        sender = payload.AsSpan(bar);
        return long.TryParse(payload.AsSpan(1, bar - 1), NumberStyles.None, CultureInfo.InvariantCulture, out visibleTicks);
    }
}
