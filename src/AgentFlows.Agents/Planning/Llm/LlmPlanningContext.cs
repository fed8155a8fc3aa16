using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Planning.Llm;

/// <summary>
/// Who a planning call is for. It travels in <see cref="ChatOptions.AdditionalProperties"/> under the keys the LLM
/// gateway reads (AgentFlows.Agents.Llm's <c>LlmCallContext</c>), which scope its cache, audit trail and budgets.
/// </summary>
/// <param name="Tenant">The tenant, or null for <c>default</c>.</param>
/// <param name="SessionId">The chat session, or null.</param>
/// <param name="RunId">The run, or null.</param>
public sealed record LlmPlanningContext(string? Tenant, string? SessionId, string? RunId)
{
    /// <summary>The tenant's key; the same string as the gateway's.</summary>
    public const string TenantKey = "agentflows.tenant";

    /// <summary>The session's key; the same string as the gateway's.</summary>
    public const string SessionKey = "agentflows.sessionId";

    /// <summary>The run's key; the same string as the gateway's.</summary>
    public const string RunKey = "agentflows.runId";

    /// <summary>Puts the context into options.</summary>
    /// <param name="options">The options to fill.</param>
    /// <returns>The same options.</returns>
    public ChatOptions ApplyTo(ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AdditionalProperties ??= [];
        foreach (var (key, value) in new[] { (TenantKey, Tenant), (SessionKey, SessionId), (RunKey, RunId) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                options.AdditionalProperties[key] = value;
            }
        }

        return options;
    }
}
