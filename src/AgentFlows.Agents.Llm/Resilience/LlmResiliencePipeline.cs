using System.Net.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AgentFlows.Agents.Llm.Resilience;

/// <summary>
/// Builds the pipeline in the standard handler's order, outermost first: total timeout, retry (exponential backoff
/// with jitter, honouring <c>Retry-After</c>), circuit breaker (by failure ratio), attempt timeout.
/// </summary>
/// <remarks>
/// Retry sits outside the breaker so every attempt is sampled and an opened breaker stops the remaining retries at
/// once; the attempt timeout sits inside so a hung attempt counts as a failure.
/// </remarks>
internal static class LlmResiliencePipeline
{
    /// <summary>Builds the pipeline.</summary>
    /// <param name="options">The values.</param>
    /// <param name="time">The clock every delay and timeout runs on.</param>
    /// <param name="breaker">Where the breaker reports its state.</param>
    /// <returns>The pipeline.</returns>
    public static ResiliencePipeline<HttpResponseMessage> Build(LlmResilienceOptions options, TimeProvider time, LlmBreaker breaker)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "agentflows-llm", TimeProvider = time };
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(TransientFailures.ShouldRetry(args.Outcome, options.MaxRetryAfter, time)),

                // null falls back to the jittered backoff.
                DelayGenerator = args => ValueTask.FromResult(RetryAfterHeader.Read(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    // The failed response is not returned to anyone: release its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(TransientFailures.IsTransient(args.Outcome)),
            StateProvider = breaker.StateProvider,
            OnOpened = breaker.OnOpened,
        });
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
        return builder.Build();
    }
}
