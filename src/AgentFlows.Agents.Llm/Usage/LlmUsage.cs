namespace AgentFlows.Agents.Llm.Usage;

/// <summary>Token usage and estimated cost, summed over calls (the run view's <c>usage</c>).</summary>
/// <param name="Calls">The calls that reached the provider.</param>
/// <param name="InputTokens">Input tokens, cached ones included.</param>
/// <param name="CachedInputTokens">Input tokens served from the provider's prompt cache.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CostUsd">The estimated cost from the price table (zero for models it does not list).</param>
public sealed record LlmUsage(long Calls, long InputTokens, long CachedInputTokens, long OutputTokens, decimal CostUsd)
{
    /// <summary>Gets nothing used.</summary>
    public static LlmUsage None { get; } = new(0, 0, 0, 0, 0m);

    /// <summary>Gets input plus output tokens, what token budgets count.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Adds one call.</summary>
    /// <param name="other">The call's usage.</param>
    /// <returns>The sum.</returns>
    public LlmUsage Add(LlmUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Calls + other.Calls, InputTokens + other.InputTokens, CachedInputTokens + other.CachedInputTokens, OutputTokens + other.OutputTokens, CostUsd + other.CostUsd);
    }
}
