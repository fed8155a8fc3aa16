namespace AgentFlows;

/// <summary>
/// How a failed activity or sub-orchestration is retried. Each wait is a durable timer, so a host restart neither
/// loses nor repeats it.
/// </summary>
/// <remarks>
/// Unlike Durable Functions, the whole retry chain of one call is recorded under the call's single sequence number,
/// so a rewind of an instance whose failed call used a retry policy re-runs exactly that call.
/// </remarks>
public sealed class RetryPolicy
{
    /// <summary>Initializes a new instance of the <see cref="RetryPolicy"/> class.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts, including the first; must be positive.</param>
    /// <param name="firstRetryInterval">Wait before the first retry; must be positive.</param>
    /// <param name="backoffCoefficient">Multiplier applied per retry; at least 1.</param>
    /// <param name="maxRetryInterval">Cap on a single wait; default one hour.</param>
    /// <param name="retryTimeout">Give up once this long has passed since the first attempt; default infinite.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNumberOfAttempts);
        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be positive.");
        }

        if (backoffCoefficient < 1.0 || double.IsNaN(backoffCoefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "The backoff coefficient must be at least 1.0.");
        }

        var max = maxRetryInterval ?? TimeSpan.FromHours(1);
        if (max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "The max retry interval must not be less than the first retry interval.");
        }

        var timeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        if (timeout != Timeout.InfiniteTimeSpan && timeout < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), timeout, "The retry timeout must not be less than the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = max;
        RetryTimeout = timeout;
    }

    /// <summary>Gets the total number of attempts, including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Gets the wait before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Gets the multiplier applied to the wait after each retry.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Gets the cap on a single wait.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Gets the total time after the first attempt within which retries may start; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>
    /// Gets or sets the jitter as a fraction of each wait (0 to 1). The jitter is derived from the instance id, the
    /// task and the attempt, so replays compute the same wait. Default 0.
    /// </summary>
    public double JitterFactor
    {
        get;
        init
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(JitterFactor), value, "The jitter factor must be between 0 and 1.");
            }

            field = value;
        }
    }

    /// <summary>
    /// Gets or sets a predicate deciding whether a failure is retried. Non-retriable failures are never retried.
    /// Runs inside orchestrator code, so it must be deterministic.
    /// </summary>
    public Func<TaskFailedException, bool>? Handle { get; init; }

    /// <summary>
    /// Computes the wait before retry number <paramref name="attempt"/> (1-based: the wait after the first failure
    /// is attempt 1), with jitter taken from <paramref name="jitterSeed"/>.
    /// </summary>
    /// <param name="attempt">The retry number, starting at 1.</param>
    /// <param name="jitterSeed">A value in [0, 1) derived deterministically by the caller.</param>
    /// <returns>The wait.</returns>
    public TimeSpan GetDelay(int attempt, double jitterSeed)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        ticks = Math.Min(ticks, MaxRetryInterval.Ticks);

        // Jitter only shortens the wait (never past the cap) so the cap keeps its meaning.
        ticks -= ticks * JitterFactor * jitterSeed;
        return TimeSpan.FromTicks((long)Math.Max(ticks, 0));
    }
}
