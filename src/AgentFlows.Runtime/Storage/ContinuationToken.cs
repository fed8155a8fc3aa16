using System.Globalization;
using System.Text;

namespace AgentFlows.Storage;

/// <summary>The opaque keyset token stores use to page instances newest first: the last row's created time and id.</summary>
public static class ContinuationToken
{
    /// <summary>Encodes the position after a row.</summary>
    /// <param name="createdAt">The row's creation time.</param>
    /// <param name="instanceId">The row's id.</param>
    /// <returns>The token.</returns>
    public static string Encode(DateTime createdAt, string instanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(createdAt.Ticks.ToString(CultureInfo.InvariantCulture) + "|" + instanceId));

    /// <summary>Decodes a token; throws <see cref="ArgumentException"/> with a clear message when it is malformed.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The position.</returns>
    public static (DateTime CreatedAt, string InstanceId) Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            var ticks = long.Parse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture);
            return (new DateTime(ticks, DateTimeKind.Utc), text[(bar + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), ex);
        }
    }
}
