namespace AgentFlows;

/// <summary>The untyped shape the runtime drives; implement <see cref="TaskOrchestrator{TInput, TOutput}"/> instead.</summary>
public interface ITaskOrchestrator
{
    /// <summary>Gets the input type.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestrator.</summary>
    /// <param name="context">The context.</param>
    /// <param name="input">The deserialized input.</param>
    /// <returns>The output.</returns>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>A class-based orchestrator. Its code is replayed, so it must be deterministic.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>Runs the orchestration.</summary>
    /// <param name="context">The context.</param>
    /// <param name="input">The input.</param>
    /// <returns>The output.</returns>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
