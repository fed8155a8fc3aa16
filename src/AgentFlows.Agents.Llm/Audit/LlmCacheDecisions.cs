namespace AgentFlows.Agents.Llm.Audit;

/// <summary>The values of <see cref="LlmAuditRecord.Decision"/>.</summary>
public static class LlmCacheDecisions
{
    /// <summary>A call answered from the session's cache; the provider was not called.</summary>
    public const string Hit = "hit";

    /// <summary>A call the cache could not answer; the provider was called.</summary>
    public const string Miss = "miss";

    /// <summary>A call that may not be cached (no session, caching off, non-text content); the provider was called.</summary>
    public const string Bypass = "bypass";

    /// <summary>An answer was stored in the session's cache.</summary>
    public const string Store = "store";

    /// <summary>An entry left the cache: its TTL ran out, or its session or the whole cache was full.</summary>
    public const string Evict = "evict";

    /// <summary>A session's cache was disposed on request.</summary>
    public const string Reset = "reset";
}
