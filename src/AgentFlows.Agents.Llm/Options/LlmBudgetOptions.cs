namespace AgentFlows.Agents.Llm;

/// <summary>Token and cost budgets per run and per tenant; an absent (or empty) limit means no limit.</summary>
public sealed class LlmBudgetOptions
{
    /// <summary>Gets or sets the most tokens (input plus output) one run may use.</summary>
    public long? MaxTokensPerRun { get; set; }

    /// <summary>Gets or sets the most tokens one tenant may use per <see cref="TenantWindow"/>.</summary>
    public long? MaxTokensPerTenant { get; set; }

    /// <summary>Gets or sets the most estimated cost, in USD, of one run.</summary>
    public decimal? MaxCostPerRunUsd { get; set; }

    /// <summary>Gets or sets the most estimated cost, in USD, of one tenant per <see cref="TenantWindow"/>.</summary>
    public decimal? MaxCostPerTenantUsd { get; set; }

    /// <summary>Gets or sets the period after which a tenant's usage starts again from zero (default 1 day).</summary>
    public TimeSpan TenantWindow { get; set; } = TimeSpan.FromDays(1);
}
