using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Tests.Fakes;

/// <summary>A chat client whose answer is a callback, in the style of MEAI's own TestChatClient.</summary>
internal sealed class FakeChatClient : IChatClient
{
    public Func<IReadOnlyList<ChatMessage>, string> Respond { get; set; } = _ => "ok";

    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add(list);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Respond(list))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
