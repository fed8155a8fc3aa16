namespace AgentFlows.Agents.Llm.Usage;

/// <summary>What a call under way holds of its run's and tenant's budgets, so concurrent calls cannot overrun them together.</summary>
/// <param name="Context">Who the call is for.</param>
/// <param name="Model">The model priced.</param>
/// <param name="InputTokens">The estimated input tokens.</param>
/// <param name="OutputTokens">The estimated output tokens.</param>
/// <param name="CostUsd">The estimated cost.</param>
internal sealed record LlmReservation(LlmCallContext Context, string Model, long InputTokens, long OutputTokens, decimal CostUsd)
{
    /// <summary>Gets the reserved tokens.</summary>
    public long Tokens => InputTokens + OutputTokens;

    /// <summary>Gets or sets a value indicating whether the reservation was committed or released.</summary>
    public bool Settled { get; set; }
}
