using System.Net.Http;
using Polly;
using Polly.CircuitBreaker;

namespace AgentFlows.Agents.Llm.Resilience;

/// <summary>
/// The LLM circuit breaker's state and why it opened, for <c>planner: auto</c> and for the error of a call that was
/// refused. Fed by the pipeline's breaker callbacks.
/// </summary>
/// <remarks>
/// Polly moves an open breaker to half-open only when the next call arrives. A caller that avoids an open breaker
/// (the auto planner) would then never send that call, so once the break is over this reports
/// <see cref="LlmBreakerState.HalfOpen"/>: the next call is the trial.
/// </remarks>
public sealed class LlmBreaker
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private DateTimeOffset _openUntil;
    private string? _reason;

    /// <summary>Initializes a new instance of the <see cref="LlmBreaker"/> class.</summary>
    /// <param name="time">The clock.</param>
    public LlmBreaker(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Gets the state.</summary>
    public LlmBreakerState State
    {
        get
        {
            var state = StateProvider.CircuitState;
            if (state == CircuitState.Closed)
            {
                return LlmBreakerState.Closed;
            }

            if (state == CircuitState.HalfOpen)
            {
                return LlmBreakerState.HalfOpen;
            }

            lock (_gate)
            {
                return _time.GetUtcNow() >= _openUntil ? LlmBreakerState.HalfOpen : LlmBreakerState.Open;
            }
        }
    }

    /// <summary>Gets the state as the planner's accessor reports it: <c>closed</c>, <c>open</c> or <c>half-open</c>.</summary>
    public string StateName => State switch
    {
        LlmBreakerState.Open => "open",
        LlmBreakerState.HalfOpen => "half-open",
        _ => "closed",
    };

    /// <summary>Gets why the breaker last opened, or null when it never did.</summary>
    public string? Reason
    {
        get
        {
            lock (_gate)
            {
                return _reason;
            }
        }
    }

    /// <summary>Gets when an open breaker lets a trial call through.</summary>
    public DateTimeOffset OpenUntil
    {
        get
        {
            lock (_gate)
            {
                return _openUntil;
            }
        }
    }

    /// <summary>Gets the provider the pipeline's breaker reports to.</summary>
    internal CircuitBreakerStateProvider StateProvider { get; } = new();

    /// <summary>Describes why a call is refused now.</summary>
    /// <returns>A sentence.</returns>
    internal string DescribeOpen() =>
        $"its circuit breaker is open because {Reason ?? "too many recent calls failed"}; calls fail fast until {OpenUntil:yyyy-MM-ddTHH:mm:ssZ}";

    /// <summary>Records an opening.</summary>
    /// <param name="args">Polly's arguments.</param>
    /// <returns>A completed task.</returns>
    internal ValueTask OnOpened(OnCircuitOpenedArguments<HttpResponseMessage> args)
    {
        var last = args.Outcome.Exception is { } ex
            ? ex.Message
            : args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode} {r.ReasonPhrase}" : "an unknown failure";
        lock (_gate)
        {
            _openUntil = _time.GetUtcNow() + args.BreakDuration;
            _reason = $"too many of the recent calls failed (the last: {last})";
        }

        return default;
    }
}
