namespace AgentFlows.Agents.Llm;

/// <summary>The session-scoped response cache: never shared across tenants or sessions.</summary>
public sealed class LlmCacheOptions
{
    /// <summary>Gets or sets a value indicating whether responses are cached at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how long an entry lives after it is stored (default 1 hour).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the most entries one session keeps (default 200).</summary>
    public int MaxEntriesPerSession { get; set; } = 200;

    /// <summary>Gets or sets the most entries kept over all tenants and sessions (default 10,000).</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets a value indicating whether a per-session <c>prompt_cache_key</c> and <c>user</c> are sent to the
    /// provider (default true), so the provider's own prefix cache follows the same boundary.
    /// </summary>
    public bool SendPromptCacheKey { get; set; } = true;

    /// <summary>Lists what is wrong with the values.</summary>
    /// <returns>The problems, each naming the setting.</returns>
    public IEnumerable<string> Validate()
    {
        if (Ttl <= TimeSpan.Zero)
        {
            yield return "AgentFlows__Llm__Cache__Ttl must be positive.";
        }

        if (MaxEntriesPerSession < 1 || MaxEntries < MaxEntriesPerSession)
        {
            yield return "AgentFlows__Llm__Cache__MaxEntriesPerSession must be at least 1 and AgentFlows__Llm__Cache__MaxEntries at least that.";
        }
    }
}
