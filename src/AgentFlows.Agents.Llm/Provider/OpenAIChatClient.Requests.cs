using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using MeaiResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using SdkChatMessage = OpenAI.Chat.ChatMessage;
using SdkResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace AgentFlows.Agents.Llm.Provider;

/// <content>From MEAI's request shapes to the SDK's.</content>
public sealed partial class OpenAIChatClient
{
    private static List<SdkChatMessage> ToMessages(IEnumerable<MeaiChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = new List<SdkChatMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            list.Add(new SystemChatMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            list.Add(message.Role.Value switch
            {
                "system" => new SystemChatMessage(message.Text),
                "user" => new UserChatMessage(message.Text),
                "assistant" => new AssistantChatMessage(message.Text),
                _ => throw new NotSupportedException($"Messages of role '{message.Role}' are not supported by this client (only system, user and assistant text)."),
            });
        }

        return list;
    }

    // A fresh options object per call: before SDK 2.9 a shared one was corrupted by concurrent calls, and the
    // per-session fields differ per call anyway.
    private static ChatCompletionOptions ToOptions(ChatOptions? options)
    {
        var sdk = new ChatCompletionOptions();
        if (options is null)
        {
            return sdk;
        }

        sdk.Temperature = options.Temperature;
        sdk.TopP = options.TopP;
        sdk.MaxOutputTokenCount = options.MaxOutputTokens;
#pragma warning disable OPENAI001 // Seed is marked experimental in SDK 2.15; the wire field is stable.
        sdk.Seed = options.Seed;
#pragma warning restore OPENAI001
        sdk.FrequencyPenalty = options.FrequencyPenalty;
        sdk.PresencePenalty = options.PresencePenalty;
        foreach (var stop in options.StopSequences ?? [])
        {
            sdk.StopSequences.Add(stop);
        }

        sdk.ResponseFormat = ToResponseFormat(options.ResponseFormat, options);
        sdk.EndUserId = LlmCallContext.Read(options, LlmCallContext.EndUserKey);
        if (LlmCallContext.Read(options, LlmCallContext.PromptCacheKeyKey) is { } cacheKey)
        {
            // Not modelled on chat completions in the SDK: set through the JSON patch.
#pragma warning disable SCME0001
            sdk.Patch.Set("$.prompt_cache_key"u8, cacheKey);
#pragma warning restore SCME0001
        }

        return sdk;
    }

    private static SdkResponseFormat? ToResponseFormat(MeaiResponseFormat? format, ChatOptions options) => format switch
    {
        null => null,
        ChatResponseFormatText => SdkResponseFormat.CreateTextFormat(),
        ChatResponseFormatJson { Schema: { } schema } json => SdkResponseFormat.CreateJsonSchemaFormat(
            json.SchemaName ?? "response",
            BinaryData.FromString(schema.GetRawText()),
            json.SchemaDescription,
            jsonSchemaIsStrict: IsStrict(options)),
        ChatResponseFormatJson => SdkResponseFormat.CreateJsonObjectFormat(),
        _ => throw new NotSupportedException($"The response format {format.GetType().Name} is not supported."),
    };

    private static bool IsStrict(ChatOptions options) =>
        options.AdditionalProperties?.TryGetValue(LlmCallContext.StrictJsonSchemaKey, out var value) != true
        || value is not (false or "false" or JsonElement { ValueKind: JsonValueKind.False });
}
