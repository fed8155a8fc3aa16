using System.Net;
using System.Net.Http;
using Polly;
using Polly.Timeout;

namespace AgentFlows.Agents.Llm.Resilience;

/// <summary>Which outcomes are worth another attempt (and count against the breaker): the standard handler's predicate.</summary>
internal static class TransientFailures
{
    /// <summary>Tells whether an outcome is transient: a network error, a timeout, 408, 429 or 5xx.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Whether it is transient.</returns>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && IsTransient(response.StatusCode));

    /// <summary>Tells whether a status is transient.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Whether it is 408, 429 or 5xx.</returns>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>Tells whether to retry: transient, and not asking for a longer wait than the configured limit.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="maxRetryAfter">The longest wait honoured.</param>
    /// <param name="time">The clock.</param>
    /// <returns>Whether to retry.</returns>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider time) =>
        IsTransient(outcome) && !(RetryAfterHeader.Read(outcome.Result, time) > maxRetryAfter);
}
