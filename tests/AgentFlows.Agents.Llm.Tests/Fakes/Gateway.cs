using AgentFlows.Agents.Llm.Audit;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Tests.Fakes;

/// <summary>The gateway under test, composed by <see cref="LlmClientFactory"/> against the fake server on the fake clock.</summary>
internal sealed class Gateway : IDisposable
{
    private Gateway(LlmOptions options, SignalingTimeProvider time)
    {
        Options = options;
        Time = time;
        Client = LlmClientFactory.Create(options, time, Audit);
    }

    public LlmOptions Options { get; }

    public SignalingTimeProvider Time { get; }

    public InMemoryLlmAuditSink Audit { get; } = new();

    public LlmClient Client { get; }

    public IChatClient Chat => Client.Chat;

    /// <summary>Settings for the fake server: openai-compatible, retries without delay, a breaker that stays shut.</summary>
    public static LlmOptions OptionsFor(FakeOpenAIServer server, string provider = LlmProviders.OpenAICompatible) => new()
    {
        Provider = provider,
        Endpoint = server.BaseUrl.ToString(),
        ApiKey = "test-key",
        Model = "gpt-test",
        Resilience = { MaxRetryAttempts = 2, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.FromSeconds(1) },
    };

    public static Gateway Create(FakeOpenAIServer server, Action<LlmOptions>? configure = null)
    {
        var options = OptionsFor(server);
        configure?.Invoke(options);
        return new Gateway(options, new SignalingTimeProvider());
    }

    public static ChatOptions For(string tenant, string? session = null, string? run = null) =>
        new LlmCallContext(tenant, session, run).ApplyTo(null);

    public Task<ChatResponse> AskAsync(string text, ChatOptions? options = null) =>
        Chat.GetResponseAsync([new ChatMessage(ChatRole.User, text)], options);

    public void Dispose() => Client.Dispose();
}
