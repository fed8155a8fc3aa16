using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace AgentFlows.Agents.Llm.Provider;

/// <summary>
/// An <see cref="IChatClient"/> over the official OpenAI SDK's <see cref="ChatClient"/>: Azure OpenAI's v1 endpoint
/// or any OpenAI-compatible server. Text in and out, streaming or not, JSON-schema structured output, and token usage
/// (input, cached input, output) on every answer.
/// </summary>
/// <remarks>
/// The model is the one the SDK client was made for (for Azure OpenAI, the deployment); <see cref="ChatOptions.ModelId"/>
/// does not switch it. Resilience lives in the SDK's transport (see <c>LlmResilienceHandler</c>), not here.
/// </remarks>
public sealed partial class OpenAIChatClient : IChatClient
{
    private readonly ChatClient _chat;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance of the <see cref="OpenAIChatClient"/> class.</summary>
    /// <param name="chat">The SDK client.</param>
    /// <param name="providerName">The provider, for metadata.</param>
    /// <param name="endpoint">The base URL, for metadata.</param>
    /// <param name="model">The model, for metadata.</param>
    public OpenAIChatClient(ChatClient chat, string providerName, Uri endpoint, string model)
    {
        _chat = chat ?? throw new ArgumentNullException(nameof(chat));
        _metadata = new ChatClientMetadata(providerName, endpoint, model);
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<MeaiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _chat.CompleteChatAsync(ToMessages(messages, options), ToOptions(options), cancellationToken).ConfigureAwait(false);
        return ToResponse(result.Value);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<MeaiChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = _chat.CompleteChatStreamingAsync(ToMessages(messages, options), ToOptions(options), cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return ToUpdate(update);
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_chat) ? _chat
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The SDK client holds nothing to release; the transport belongs to whoever built it.
    }
}
