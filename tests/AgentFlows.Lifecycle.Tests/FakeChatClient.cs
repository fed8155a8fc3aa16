using Microsoft.Extensions.AI;

namespace AgentFlows.Lifecycle.Tests;

/// <summary>A hand-written chat client: <see cref="Answer"/> decides the reply per model and prompt.</summary>
internal sealed class FakeChatClient : IChatClient
{
    public Func<string?, string, string> Answer { get; set; } = (_, _) => "not a plan";

    public int Calls;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        var prompt = messages.Last(m => m.Role == ChatRole.User).Text;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(options?.ModelId, prompt))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
