using System.Globalization;

namespace AgentFlows.Http.Internal;

/// <summary>The two time formats of the Durable Functions status JSON.</summary>
internal static class Timestamps
{
    /// <summary>Instance times: <c>ToString("s") + "Z"</c>, second precision.</summary>
    public static string Seconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + "Z";

    /// <summary>History times: Newtonsoft's default ISO format, full precision without trailing zeros.</summary>
    public static string Full(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        return utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}
