namespace AgentFlows;

/// <summary>What an activity sees of the call that scheduled it.</summary>
/// <param name="Name">The activity name.</param>
/// <param name="InstanceId">The calling orchestration instance.</param>
/// <param name="TaskId">The call's sequence number in the orchestration.</param>
/// <param name="Attempt">The attempt number, starting at 1.</param>
/// <param name="CancellationToken">Signalled when the host is stopping.</param>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId, int Attempt, CancellationToken CancellationToken);

/// <summary>The untyped shape the runtime drives; implement <see cref="TaskActivity{TInput, TOutput}"/> instead.</summary>
public interface ITaskActivity
{
    /// <summary>Gets the input type.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    /// <param name="context">The context.</param>
    /// <param name="input">The deserialized input.</param>
    /// <returns>The output.</returns>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>A class-based activity: where side effects belong. It runs at least once per scheduled call.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>Runs the activity.</summary>
    /// <param name="context">The context.</param>
    /// <param name="input">The input.</param>
    /// <returns>The output.</returns>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}
