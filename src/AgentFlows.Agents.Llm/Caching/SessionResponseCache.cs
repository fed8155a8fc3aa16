namespace AgentFlows.Agents.Llm.Caching;

/// <summary>
/// The cache's store: one partition per (tenant, session), entries by request hash, a TTL per entry and limits per
/// session and overall. When a limit is reached the entry least worth keeping goes first: fewest hits, then oldest.
/// </summary>
/// <remarks>
/// One lock for everything: entries are few (thousands) and the work under the lock is small next to an LLM call.
/// Expired entries are dropped when their session is touched, when a limit is reached, or by <see cref="PurgeExpired"/>.
/// </remarks>
internal sealed class SessionResponseCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Tenant, string Session), Dictionary<string, Entry>> _sessions = [];
    private readonly LlmCacheOptions _options;
    private readonly TimeProvider _time;
    private int _count;
    private long _sequence;

    /// <summary>Initializes a new instance of the <see cref="SessionResponseCache"/> class.</summary>
    /// <param name="options">The limits and TTL.</param>
    /// <param name="time">The clock.</param>
    public SessionResponseCache(LlmCacheOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Gets the number of entries over all sessions.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Looks an answer up, dropping the session's expired entries on the way.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="session">The session.</param>
    /// <param name="hash">The request hash.</param>
    /// <param name="evicted">Receives the entries dropped.</param>
    /// <returns>The answer, or null.</returns>
    public CachedAnswer? Get(string tenant, string session, string hash, List<CacheEviction> evicted)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue((tenant, session), out var entries))
            {
                return null;
            }

            DropExpired(tenant, session, entries, evicted);
            if (!entries.TryGetValue(hash, out var entry))
            {
                return null;
            }

            entry.Hits++;
            return entry.Answer;
        }
    }

    /// <summary>Stores an answer, evicting what the limits require.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="session">The session.</param>
    /// <param name="hash">The request hash.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="evicted">Receives the entries dropped.</param>
    public void Store(string tenant, string session, string hash, CachedAnswer answer, List<CacheEviction> evicted)
    {
        lock (_gate)
        {
            var key = (tenant, session);
            if (!_sessions.TryGetValue(key, out var entries))
            {
                _sessions[key] = entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            }

            DropExpired(tenant, session, entries, evicted);
            if (!entries.ContainsKey(hash))
            {
                if (entries.Count >= _options.MaxEntriesPerSession)
                {
                    var victim = LeastWorth(entries);
                    Remove(key, entries, victim.Key, "session-full", evicted);
                }

                if (_count >= _options.MaxEntries)
                {
                    EvictGlobally(evicted);
                }

                _count++;
            }

            entries[hash] = new Entry(answer, _time.GetUtcNow() + _options.Ttl, ++_sequence);

            // An eviction above may have emptied and so dropped this very session.
            _sessions[key] = entries;
        }
    }

    /// <summary>Disposes a session's entries.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="session">The session.</param>
    /// <returns>How many entries went.</returns>
    public int Reset(string tenant, string session)
    {
        lock (_gate)
        {
            if (!_sessions.Remove((tenant, session), out var entries))
            {
                return 0;
            }

            _count -= entries.Count;
            return entries.Count;
        }
    }

    /// <summary>Drops every expired entry.</summary>
    /// <returns>The entries dropped.</returns>
    public List<CacheEviction> PurgeExpired()
    {
        var evicted = new List<CacheEviction>();
        lock (_gate)
        {
            foreach (var ((tenant, session), entries) in _sessions.ToList())
            {
                DropExpired(tenant, session, entries, evicted);
            }
        }

        return evicted;
    }

    private static KeyValuePair<string, Entry> LeastWorth(Dictionary<string, Entry> entries) =>
        entries.MinBy(e => (e.Value.Hits, e.Value.Sequence));

    private void EvictGlobally(List<CacheEviction> evicted)
    {
        foreach (var ((tenant, session), entries) in _sessions.ToList())
        {
            DropExpired(tenant, session, entries, evicted);
        }

        if (_count < _options.MaxEntries)
        {
            return;
        }

        var victim = _sessions
            .Where(s => s.Value.Count > 0)
            .Select(s => (Session: s.Key, Entries: s.Value, Entry: LeastWorth(s.Value)))
            .MinBy(v => (v.Entry.Value.Hits, v.Entry.Value.Sequence));
        Remove(victim.Session, victim.Entries, victim.Entry.Key, "cache-full", evicted);
    }

    private void DropExpired(string tenant, string session, Dictionary<string, Entry> entries, List<CacheEviction> evicted)
    {
        var now = _time.GetUtcNow();
        foreach (var (hash, entry) in entries.ToList())
        {
            if (entry.ExpiresAt <= now)
            {
                Remove((tenant, session), entries, hash, "ttl", evicted);
            }
        }
    }

    private void Remove((string Tenant, string Session) key, Dictionary<string, Entry> entries, string hash, string reason, List<CacheEviction> evicted)
    {
        if (entries.Remove(hash, out var entry))
        {
            _count--;
            evicted.Add(new CacheEviction(key.Tenant, key.Session, hash, reason, entry.Hits));
        }

        if (entries.Count == 0)
        {
            _sessions.Remove(key);
        }
    }

    private sealed class Entry(CachedAnswer answer, DateTimeOffset expiresAt, long sequence)
    {
        public CachedAnswer Answer { get; } = answer;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        /// <summary>Gets the order of storing: lower is older.</summary>
        public long Sequence { get; } = sequence;

        public int Hits { get; set; }
    }
}
