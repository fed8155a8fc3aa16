namespace AgentFlows.Agents.Llm;

/// <summary>
/// The resilience pipeline's values, in the standard handler's shape but tuned for LLM latency (see
/// <c>reference/llm-and-finetuning.md</c> §5): the standard 10 s attempt and 30 s total are far too tight for a model.
/// </summary>
public sealed class LlmResilienceOptions
{
    /// <summary>Gets or sets the limit on one call, all attempts and waits included (default 4 minutes).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Gets or sets the limit on one attempt (default 90 s); for streaming, on the time to the response headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gets or sets how many times a transient failure is retried (default 3, so at most 4 attempts).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the median first delay of the exponential backoff with jitter (default 2 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the longest backoff delay (default 30 s).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest <c>Retry-After</c> honoured (default 60 s); a longer one is not waited for: the call fails.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the share of failed attempts in the sampling window that opens the breaker (default 0.5).</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest attempts in the window before the breaker may open (default 10).</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the sampling window (default 3 minutes, at least twice the attempt timeout).</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets how long an open breaker fails calls fast before it lets a trial call through (default 30 s).</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lists what is wrong with the values.</summary>
    /// <returns>The problems, each naming the setting.</returns>
    public IEnumerable<string> Validate()
    {
        const string Prefix = "AgentFlows__Llm__Resilience__";
        if (TotalTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout < TimeSpan.FromMilliseconds(10))
        {
            yield return $"{Prefix}TotalTimeout and {Prefix}AttemptTimeout must be at least 10 ms.";
        }

        if (AttemptTimeout > TotalTimeout)
        {
            yield return $"{Prefix}AttemptTimeout ({AttemptTimeout}) must not exceed {Prefix}TotalTimeout ({TotalTimeout}).";
        }

        if (MaxRetryAttempts is < 0 or > 10)
        {
            yield return $"{Prefix}MaxRetryAttempts must be between 0 and 10.";
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || MaxRetryAfter < TimeSpan.Zero)
        {
            yield return $"{Prefix}RetryBaseDelay, RetryMaxDelay and MaxRetryAfter must be positive, with RetryMaxDelay at least RetryBaseDelay.";
        }

        if (BreakerFailureRatio is <= 0 or > 1 || BreakerMinimumThroughput < 2)
        {
            yield return $"{Prefix}BreakerFailureRatio must be in (0, 1] and {Prefix}BreakerMinimumThroughput at least 2.";
        }

        if (BreakerSamplingDuration < 2 * AttemptTimeout || BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{Prefix}BreakerSamplingDuration ({BreakerSamplingDuration}) must be at least twice {Prefix}AttemptTimeout and at least 500 ms.";
        }

        if (BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{Prefix}BreakerBreakDuration must be at least 500 ms.";
        }
    }
}
