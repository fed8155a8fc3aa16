using System.Security.Cryptography;
using System.Text;

namespace AgentFlows.Agents.Llm.Caching;

/// <summary>
/// The value sent as <c>prompt_cache_key</c> and <c>user</c>: a hash of tenant and session, so the provider can
/// route and attribute per session without learning the ids. For hosted providers it is a routing hint, not an
/// isolation boundary (see <c>reference/llm-and-finetuning.md</c> §3).
/// </summary>
internal static class ProviderCacheKey
{
    /// <summary>Computes the key.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="sessionId">The session, or null (then the key is the tenant's).</param>
    /// <returns><c>af-</c> and 32 hex digits.</returns>
    public static string For(string tenant, string? sessionId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"agentflows\n{tenant}\n{sessionId}"));
        return "af-" + Convert.ToHexStringLower(hash)[..32];
    }
}
