using AgentFlows.Agents.Llm.Audit;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Caching;

/// <content>Lookups, stores and what the audit trail hears of them.</content>
public sealed partial class SessionCachingChatClient
{
    private async Task<CachedAnswer?> LookupAsync(CachedCall call, CancellationToken cancellationToken)
    {
        if (call.Hash is null)
        {
            return null;
        }

        var started = _time.GetTimestamp();
        var evicted = new List<CacheEviction>();
        var answer = _cache.Get(call.Context.Tenant, call.Context.SessionId!, call.Hash, evicted);
        await AuditEvictionsAsync(evicted, cancellationToken).ConfigureAwait(false);
        if (answer is not null)
        {
            var record = Record(call, LlmCacheDecisions.Hit, started) with { Model = answer.ModelId ?? call.Model, Response = answer.Text, InputTokens = 0, OutputTokens = 0 };
            await _audit.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return answer;
    }

    private async Task CompleteAsync(CachedCall call, ChatResponse response, long started, CancellationToken cancellationToken)
    {
        await AuditCallAsync(call, response, started, null, cancellationToken).ConfigureAwait(false);
        if (call.Hash is null || CachedAnswer.From(response) is not { } answer)
        {
            return;
        }

        var evicted = new List<CacheEviction>();
        _cache.Store(call.Context.Tenant, call.Context.SessionId!, call.Hash, answer, evicted);
        var stored = new LlmAuditRecord
        {
            At = _time.GetUtcNow(),
            Decision = LlmCacheDecisions.Store,
            Tenant = call.Context.Tenant,
            SessionId = call.Context.SessionId,
            RunId = call.Context.RunId,
            Model = answer.ModelId ?? call.Model,
            RequestHash = call.Hash,
        };
        await _audit.RecordAsync(stored, cancellationToken).ConfigureAwait(false);
        await AuditEvictionsAsync(evicted, cancellationToken).ConfigureAwait(false);
    }

    private async Task AuditCallAsync(CachedCall call, ChatResponse? response, long started, Exception? error, CancellationToken cancellationToken)
    {
        var record = Record(call, call.Hash is null ? LlmCacheDecisions.Bypass : LlmCacheDecisions.Miss, started) with
        {
            Model = response?.ModelId ?? call.Model,
            Response = response?.Text,
            InputTokens = response?.Usage?.InputTokenCount,
            CachedInputTokens = response?.Usage?.CachedInputTokenCount,
            OutputTokens = response?.Usage?.OutputTokenCount,
            Error = error?.Message,
        };

        // The call's own token may be what failed it; the record of the failure is still written.
        await _audit.RecordAsync(record, error is null ? cancellationToken : CancellationToken.None).ConfigureAwait(false);
    }

    private async Task AuditEvictionsAsync(List<CacheEviction> evicted, CancellationToken cancellationToken)
    {
        foreach (var eviction in evicted)
        {
            var record = new LlmAuditRecord
            {
                At = _time.GetUtcNow(),
                Decision = LlmCacheDecisions.Evict,
                Tenant = eviction.Tenant,
                SessionId = eviction.SessionId,
                RequestHash = eviction.RequestHash,
                Reason = $"{eviction.Reason} ({eviction.Hits} hits)",
            };
            await _audit.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    private LlmAuditRecord Record(CachedCall call, string decision, long started) => new()
    {
        At = _time.GetUtcNow(),
        Decision = decision,
        Tenant = call.Context.Tenant,
        SessionId = call.Context.SessionId,
        RunId = call.Context.RunId,
        Model = call.Model,
        Prompt = call.Prompt,
        LatencyMs = _time.GetElapsedTime(started).TotalMilliseconds,
        RequestHash = call.Hash,
    };
}
