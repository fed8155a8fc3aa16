using System.Text.Json.Serialization;

namespace AgentFlows.Agents.Llm.Audit;

/// <summary>One event of the LLM audit trail, in the shape of one JSONL line of <c>GET /api/runs/{id}/audit</c>.</summary>
public sealed record LlmAuditRecord
{
    /// <summary>Gets when it happened.</summary>
    [JsonPropertyName("at")]
    public DateTimeOffset At { get; init; }

    /// <summary>Gets the cache decision (see <see cref="LlmCacheDecisions"/>).</summary>
    [JsonPropertyName("decision")]
    public string Decision { get; init; } = "";

    /// <summary>Gets the tenant.</summary>
    [JsonPropertyName("tenant")]
    public string Tenant { get; init; } = LlmCallContext.DefaultTenant;

    /// <summary>Gets the chat session, if any.</summary>
    [JsonPropertyName("sessionId")]
    public string? SessionId { get; init; }

    /// <summary>Gets the run, if any.</summary>
    [JsonPropertyName("runId")]
    public string? RunId { get; init; }

    /// <summary>Gets the model.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Gets the prompt: the messages as <c>role: text</c> lines.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    /// <summary>Gets the answer's text.</summary>
    [JsonPropertyName("response")]
    public string? Response { get; init; }

    /// <summary>Gets the input tokens the provider charged (zero for a cache hit).</summary>
    [JsonPropertyName("inputTokens")]
    public long? InputTokens { get; init; }

    /// <summary>Gets the share of the input tokens served from the provider's prompt cache.</summary>
    [JsonPropertyName("cachedInputTokens")]
    public long? CachedInputTokens { get; init; }

    /// <summary>Gets the output tokens the provider charged (zero for a cache hit).</summary>
    [JsonPropertyName("outputTokens")]
    public long? OutputTokens { get; init; }

    /// <summary>Gets how long the call took, in milliseconds.</summary>
    [JsonPropertyName("latencyMs")]
    public double? LatencyMs { get; init; }

    /// <summary>Gets the hash of the canonical request, the cache key within the session.</summary>
    [JsonPropertyName("requestHash")]
    public string? RequestHash { get; init; }

    /// <summary>Gets why (for evictions: <c>ttl</c>, <c>session-full</c>, <c>cache-full</c>; for resets: how many entries went).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Gets the error of a failed call.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
