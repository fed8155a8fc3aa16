using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm;

/// <summary>
/// Who a call is for: the tenant, the chat session and the run. Callers put these in
/// <see cref="ChatOptions.AdditionalProperties"/> under the keys below (plain strings, so the agent layer needs no
/// reference to this assembly); the decorators read them to scope the cache, the audit trail and the budgets.
/// </summary>
/// <param name="Tenant">The tenant; <c>default</c> when absent.</param>
/// <param name="SessionId">The chat session, or null (then nothing is cached).</param>
/// <param name="RunId">The run, or null (then no run budget applies).</param>
public sealed record LlmCallContext(string Tenant, string? SessionId, string? RunId)
{
    /// <summary>The tenant's key in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string TenantKey = "agentflows.tenant";

    /// <summary>The session's key in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string SessionKey = "agentflows.sessionId";

    /// <summary>The run's key in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string RunKey = "agentflows.runId";

    /// <summary>The tenant calls without one belong to (CONTRACT §1: loopback callers without keys).</summary>
    public const string DefaultTenant = "default";

    /// <summary>Where the cache decorator leaves the provider's <c>prompt_cache_key</c> for the provider client.</summary>
    internal const string PromptCacheKeyKey = "agentflows.promptCacheKey";

    /// <summary>Where the cache decorator leaves the provider's <c>user</c> for the provider client.</summary>
    internal const string EndUserKey = "agentflows.endUser";

    /// <summary>Where a caller may ask for (true, the default) or against strict JSON-schema output.</summary>
    internal const string StrictJsonSchemaKey = "strictJsonSchema";

    /// <summary>Reads the context of a call.</summary>
    /// <param name="options">The call's options.</param>
    /// <returns>The context; tenant <c>default</c> and no session or run when absent.</returns>
    public static LlmCallContext From(ChatOptions? options) =>
        new(Read(options, TenantKey) ?? DefaultTenant, Read(options, SessionKey), Read(options, RunKey));

    /// <summary>Returns a copy of <paramref name="options"/> carrying this context.</summary>
    /// <param name="options">The options, or null.</param>
    /// <returns>New options.</returns>
    public ChatOptions ApplyTo(ChatOptions? options)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.AdditionalProperties ??= [];
        copy.AdditionalProperties[TenantKey] = Tenant;
        Set(copy.AdditionalProperties, SessionKey, SessionId);
        Set(copy.AdditionalProperties, RunKey, RunId);
        return copy;
    }

    /// <summary>Reads a string property, treating blanks as absent.</summary>
    /// <param name="options">The options.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value or null.</returns>
    internal static string? Read(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out var value) == true && value is not null && !string.IsNullOrWhiteSpace(value.ToString())
            ? value.ToString()!.Trim()
            : null;

    private static void Set(AdditionalPropertiesDictionary properties, string key, string? value)
    {
        if (value is null)
        {
            properties.Remove(key);
        }
        else
        {
            properties[key] = value;
        }
    }
}
