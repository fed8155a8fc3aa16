using System.Globalization;
using System.Net.Http;

namespace AgentFlows.Agents.Llm.Resilience;

/// <summary>Reads how long a server asks the client to wait: <c>retry-after-ms</c> (OpenAI, Azure) or <c>Retry-After</c>.</summary>
internal static class RetryAfterHeader
{
    /// <summary>Reads the wait from a response.</summary>
    /// <param name="response">The response, or null.</param>
    /// <param name="time">The clock, for an HTTP-date <c>Retry-After</c>.</param>
    /// <returns>The wait, or null when the response names none.</returns>
    public static TimeSpan? Read(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
