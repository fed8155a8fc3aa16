using AgentFlows.Agents.Llm.Caching;
using AgentFlows.Agents.Llm.Resilience;
using AgentFlows.Agents.Llm.Usage;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm;

/// <summary>
/// The composed LLM gateway: the decorated <see cref="Chat"/> client (cache → usage and budgets → provider, with
/// the resilience pipeline in the provider's transport) and the handles the host needs around it.
/// </summary>
public sealed class LlmClient : IDisposable
{
    private readonly IDisposable _transport;

    /// <summary>Initializes a new instance of the <see cref="LlmClient"/> class.</summary>
    /// <param name="chat">The decorated client.</param>
    /// <param name="cache">The cache decorator.</param>
    /// <param name="usage">The usage ledger.</param>
    /// <param name="breaker">The breaker.</param>
    /// <param name="transport">The HTTP client under the SDK, disposed with this.</param>
    internal LlmClient(IChatClient chat, SessionCachingChatClient cache, LlmUsageLedger usage, LlmBreaker breaker, IDisposable transport)
    {
        Chat = chat;
        Cache = cache;
        Usage = usage;
        Breaker = breaker;
        _transport = transport;
    }

    /// <summary>Gets the client to register as <see cref="IChatClient"/>.</summary>
    public IChatClient Chat { get; }

    /// <summary>Gets the cache, for <c>DELETE /api/sessions/{id}/cache</c>.</summary>
    public SessionCachingChatClient Cache { get; }

    /// <summary>Gets usage and cost per run and tenant.</summary>
    public LlmUsageLedger Usage { get; }

    /// <summary>Gets the circuit breaker's state, for <c>planner: auto</c>.</summary>
    public LlmBreaker Breaker { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Chat.Dispose();
        _transport.Dispose();
    }
}
