using AgentFlows.Agents.Llm.Audit;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Caching;

/// <summary>
/// Caches answers per tenant and session, keyed by model and canonical request, and never serves one session's
/// answer to another. A call without a session is not cached. Every decision (hit, miss, bypass, store, evict,
/// reset) goes to the audit sink; each call's record carries prompt, answer, model, tokens and latency.
/// </summary>
/// <remarks>
/// It also passes a per-session <c>prompt_cache_key</c> and <c>user</c> to the provider (a hash, not the ids), so the
/// provider's own prefix cache is steered along the same boundary. Put it outside usage tracking: a hit costs nothing.
/// </remarks>
public sealed partial class SessionCachingChatClient : DelegatingChatClient
{
    private readonly SessionResponseCache _cache;
    private readonly LlmCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILlmAuditSink _audit;
    private readonly string _defaultModel;

    /// <summary>Initializes a new instance of the <see cref="SessionCachingChatClient"/> class.</summary>
    /// <param name="inner">The client that calls the provider.</param>
    /// <param name="options">The cache's limits and TTL.</param>
    /// <param name="time">The clock for TTLs and latency.</param>
    /// <param name="audit">Where decisions go.</param>
    /// <param name="defaultModel">The model when a call names none.</param>
    public SessionCachingChatClient(IChatClient inner, LlmCacheOptions options, TimeProvider time, ILlmAuditSink audit, string defaultModel)
        : base(inner)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _defaultModel = defaultModel ?? throw new ArgumentNullException(nameof(defaultModel));
        _cache = new SessionResponseCache(options, time);
    }

    /// <summary>Gets the number of cached answers over all tenants and sessions.</summary>
    public int Count => _cache.Count;

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Prepare(messages, options);
        if (await LookupAsync(call, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            return hit.ToResponse();
        }

        var started = _time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(call.Messages, call.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await AuditCallAsync(call, null, started, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await CompleteAsync(call, response, started, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Disposes one session's cache (<c>DELETE /api/sessions/{id}/cache</c>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the audit write.</param>
    /// <returns>How many entries went.</returns>
    public async Task<int> ResetSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var removed = _cache.Reset(tenant, sessionId);
        var record = new LlmAuditRecord { At = _time.GetUtcNow(), Decision = LlmCacheDecisions.Reset, Tenant = tenant, SessionId = sessionId, Reason = $"{removed} entries disposed" };
        await _audit.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Drops every entry whose TTL ran out (the host may call this on a timer; lookups do it per session anyway).</summary>
    /// <param name="cancellationToken">Cancels the audit writes.</param>
    /// <returns>How many entries went.</returns>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var evicted = _cache.PurgeExpired();
        await AuditEvictionsAsync(evicted, cancellationToken).ConfigureAwait(false);
        return evicted.Count;
    }

    private CachedCall Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var context = LlmCallContext.From(options);
        var model = options?.ModelId ?? _defaultModel;
        var hash = _options.Enabled && context.SessionId is not null ? CanonicalRequest.Hash(model, list, options) : null;
        return new CachedCall(context, list, WithProviderHints(options, context), model, hash, CanonicalRequest.PromptText(list, options));
    }

    private ChatOptions? WithProviderHints(ChatOptions? options, LlmCallContext context)
    {
        if (!_options.SendPromptCacheKey)
        {
            return options;
        }

        var copy = options?.Clone() ?? new ChatOptions();
        copy.AdditionalProperties = copy.AdditionalProperties?.Clone() ?? [];
        var key = ProviderCacheKey.For(context.Tenant, context.SessionId);
        copy.AdditionalProperties[LlmCallContext.PromptCacheKeyKey] = key;
        copy.AdditionalProperties[LlmCallContext.EndUserKey] = key;
        return copy;
    }

    /// <summary>What one call is, worked out once.</summary>
    /// <param name="Context">Tenant, session and run.</param>
    /// <param name="Messages">The messages.</param>
    /// <param name="Options">The options passed on (with the provider hints).</param>
    /// <param name="Model">The model.</param>
    /// <param name="Hash">The request hash, or null when the call is not cached.</param>
    /// <param name="Prompt">The prompt text for the audit trail.</param>
    private sealed record CachedCall(LlmCallContext Context, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, string Model, string? Hash, string Prompt);
}
