namespace AgentFlows.Execution;

/// <summary>Limits the engine enforces on every instance.</summary>
public sealed record RuntimeLimits
{
    /// <summary>Gets the largest serialized input, output, event payload or custom status, in bytes (default 4 MiB).</summary>
    public int MaxPayloadBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Gets the largest custom status, in bytes (default 16 KiB, as Durable Functions).</summary>
    public int MaxCustomStatusBytes { get; init; } = 16 * 1024;

    /// <summary>Gets the most actions one episode may produce (default 100,000, as Durable Functions).</summary>
    public int MaxActionsPerEpisode { get; init; } = 100_000;
}
