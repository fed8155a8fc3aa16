using AgentFlows.Serialization;

namespace AgentFlows.Client;

/// <summary>The state of one orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata
{
    /// <summary>Gets the orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the current execution id.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>Gets the runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Gets when the instance was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the instance last changed.</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Gets the input JSON (only when inputs and outputs were requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>Gets the output JSON (only when inputs and outputs were requested).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>Gets the custom status JSON (only when inputs and outputs were requested).</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Gets the failure of a Failed instance.</summary>
    public FailureDetails? FailureDetails { get; init; }

    /// <summary>Gets the parent instance id of a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Gets the converter used by the Read methods.</summary>
    public DataConverter DataConverter { get; init; } = DataConverter.Default;

    /// <summary>Gets a value indicating whether the instance will not run again by itself.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>Deserializes the input.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>The input.</returns>
    public T? ReadInputAs<T>() => DataConverter.Deserialize<T>(SerializedInput);

    /// <summary>Deserializes the output.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>The output.</returns>
    public T? ReadOutputAs<T>() => DataConverter.Deserialize<T>(SerializedOutput);

    /// <summary>Deserializes the custom status.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>The custom status.</returns>
    public T? ReadCustomStatusAs<T>() => DataConverter.Deserialize<T>(SerializedCustomStatus);
}
