using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Caching;

/// <summary>What the cache keeps of an answer: immutable, so every hit gets a response of its own.</summary>
/// <param name="Text">The text.</param>
/// <param name="ModelId">The model that answered.</param>
/// <param name="ResponseId">The provider's id of the answer.</param>
/// <param name="FinishReason">Why the answer ended.</param>
/// <param name="InputTokens">The input tokens the original call used.</param>
/// <param name="OutputTokens">The output tokens the original call used.</param>
internal sealed record CachedAnswer(string Text, string? ModelId, string? ResponseId, ChatFinishReason? FinishReason, long? InputTokens, long? OutputTokens)
{
    /// <summary>The key of <see cref="ChatResponse.AdditionalProperties"/> that tells a cached answer.</summary>
    public const string CacheProperty = "agentflows.cache";

    /// <summary>Keeps an answer if it is complete.</summary>
    /// <param name="response">The answer.</param>
    /// <returns>The cached form, or null for an answer that did not finish normally (cut off, filtered).</returns>
    public static CachedAnswer? From(ChatResponse response) =>
        response.FinishReason is null || response.FinishReason == ChatFinishReason.Stop
            ? new CachedAnswer(response.Text, response.ModelId, response.ResponseId, response.FinishReason, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount)
            : null;

    /// <summary>Makes a fresh response; its usage is zero because the provider was not called.</summary>
    /// <returns>The response.</returns>
    public ChatResponse ToResponse() => new(new ChatMessage(ChatRole.Assistant, Text))
    {
        ModelId = ModelId,
        ResponseId = ResponseId,
        FinishReason = FinishReason,
        Usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0, TotalTokenCount = 0 },
        AdditionalProperties = new() { [CacheProperty] = "hit" },
    };
}
