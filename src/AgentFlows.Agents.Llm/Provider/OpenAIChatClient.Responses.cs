using Microsoft.Extensions.AI;
using OpenAI.Chat;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using MeaiFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using SdkFinishReason = OpenAI.Chat.ChatFinishReason;

namespace AgentFlows.Agents.Llm.Provider;

/// <content>From the SDK's answers to MEAI's.</content>
public sealed partial class OpenAIChatClient
{
    /// <summary>Maps the SDK's token usage.</summary>
    /// <param name="usage">The SDK's usage, or null when the server sent none.</param>
    /// <returns>The usage, or null.</returns>
    internal static UsageDetails? ToUsage(ChatTokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };

    private static ChatResponse ToResponse(ChatCompletion completion)
    {
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        var message = new MeaiChatMessage(ChatRole.Assistant, text) { MessageId = completion.Id };
        var response = new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            response.AdditionalProperties = new() { ["refusal"] = completion.Refusal };
        }

        return response;
    }

    private static ChatResponseUpdate ToUpdate(StreamingChatCompletionUpdate update)
    {
        var contents = new List<AIContent>();
        foreach (var part in update.ContentUpdate)
        {
            if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text));
            }
        }

        if (ToUsage(update.Usage) is { } usage)
        {
            contents.Add(new UsageContent(usage));
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = update.CompletionId,
            MessageId = update.CompletionId,
            ModelId = update.Model,
            CreatedAt = update.CreatedAt,
            FinishReason = update.FinishReason is { } reason ? ToFinishReason(reason) : null,
            RawRepresentation = update,
        };
    }

    private static MeaiFinishReason? ToFinishReason(SdkFinishReason reason) => reason switch
    {
        SdkFinishReason.Stop => MeaiFinishReason.Stop,
        SdkFinishReason.Length => MeaiFinishReason.Length,
        SdkFinishReason.ContentFilter => MeaiFinishReason.ContentFilter,
        SdkFinishReason.ToolCalls or SdkFinishReason.FunctionCall => MeaiFinishReason.ToolCalls,
        _ => null,
    };
}
