namespace AgentFlows;

/// <summary>A serializable description of a failure, stored in history and surfaced by <see cref="TaskFailedException"/>.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, if any.</param>
/// <param name="InnerFailure">The inner failure, if any.</param>
/// <param name="IsNonRetriable">True when retrying cannot help; retry policies then give up at once.</param>
public sealed record FailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    FailureDetails? InnerFailure = null,
    bool IsNonRetriable = false)
{
    /// <summary>Builds failure details from an exception, following inner exceptions.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The failure details.</returns>
    public static FailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException taskFailed)
        {
            // A task failure re-thrown by an orchestrator keeps the original cause visible.
            return new FailureDetails(
                typeof(TaskFailedException).FullName!,
                taskFailed.Message,
                exception.StackTrace,
                taskFailed.FailureDetails,
                taskFailed.FailureDetails.IsNonRetriable);
        }

        return new FailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            exception is NonRetriableException);
    }

    /// <summary>True when this failure, or any inner failure, was caused by <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The exception type.</typeparam>
    /// <returns>Whether the failure was caused by the type.</returns>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        var name = typeof(T).FullName;
        for (var f = this; f is not null; f = f.InnerFailure)
        {
            if (f.ErrorType == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Formats as Durable Functions does for a failed instance's output: <c>ErrorType: ErrorMessage</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
