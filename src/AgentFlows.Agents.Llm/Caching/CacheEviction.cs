namespace AgentFlows.Agents.Llm.Caching;

/// <summary>An entry that left the cache, and why.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="SessionId">The session.</param>
/// <param name="RequestHash">The entry's request hash.</param>
/// <param name="Reason"><c>ttl</c>, <c>session-full</c> or <c>cache-full</c>.</param>
/// <param name="Hits">How often it was served.</param>
internal sealed record CacheEviction(string Tenant, string SessionId, string RequestHash, string Reason, int Hits);
