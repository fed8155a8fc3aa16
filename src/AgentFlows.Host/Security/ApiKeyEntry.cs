namespace AgentFlows.Host.Security;

/// <summary>One configured API key, kept only as its SHA-256 hash.</summary>
/// <param name="Id">A name for the key that is safe to log and to partition rate limits by (<c>key#0</c>, …).</param>
/// <param name="Hash">The SHA-256 of the key's UTF-8 bytes.</param>
/// <param name="Tenant">The tenant the key acts for.</param>
/// <param name="Role">What the key may do.</param>
internal sealed record ApiKeyEntry(string Id, byte[] Hash, string Tenant, CallerRole Role);
