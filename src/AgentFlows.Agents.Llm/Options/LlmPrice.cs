namespace AgentFlows.Agents.Llm;

/// <summary>The price of a model in USD per million tokens (one row of the configured price table).</summary>
public sealed class LlmPrice
{
    /// <summary>Gets or sets the price of a million input tokens that were not served from the provider's cache.</summary>
    public decimal InputPerMillion { get; set; }

    /// <summary>Gets or sets the price of a million input tokens served from the provider's prompt cache.</summary>
    public decimal CachedInputPerMillion { get; set; }

    /// <summary>Gets or sets the price of a million output tokens.</summary>
    public decimal OutputPerMillion { get; set; }

    /// <summary>Prices one call.</summary>
    /// <param name="inputTokens">All input tokens, cached ones included.</param>
    /// <param name="cachedInputTokens">The cached share of the input tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <returns>The cost in USD.</returns>
    public decimal Cost(long inputTokens, long cachedInputTokens, long outputTokens)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        return ((inputTokens - cached) * InputPerMillion + cached * CachedInputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;
    }
}
