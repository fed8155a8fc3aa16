using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Caching;

/// <summary>
/// Results of pure tools (calculator, statistics, profiling of inline data), cached across runs and tenants by tool,
/// tool version and canonical arguments. Pure means the output depends only on the arguments, so sharing it cannot
/// leak anything a caller did not already send. Bounded by entry count and entry size; least recently used goes first.
/// </summary>
/// <remarks>Arguments that name a file (<c>path</c>) are never cached: the file can change between calls.</remarks>
public sealed class PureToolCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, JsonNode? Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, JsonNode? Value)> _lru = new();
    private readonly int _capacity;
    private readonly int _maxEntryChars;
    private long _hits;
    private long _misses;

    /// <summary>Initializes a new instance of the <see cref="PureToolCache"/> class.</summary>
    /// <param name="capacity">The most entries kept.</param>
    /// <param name="maxEntryChars">The largest serialized result kept.</param>
    public PureToolCache(int capacity = 10_000, int maxEntryChars = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _maxEntryChars = maxEntryChars;
    }

    /// <summary>Gets how many lookups were answered from the cache.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Gets how many lookups missed.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Gets the cache key of a call, or null when the call must not be cached.</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="args">The resolved arguments.</param>
    /// <returns>The key or null.</returns>
    public static string? KeyOf(ToolDescriptor tool, JsonObject args)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(args);
        return tool.Pure && !args.ContainsKey("path") ? $"{tool.Name}@{tool.Version}:{CanonicalJson.Write(args)}" : null;
    }

    /// <summary>Looks a result up.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">A copy of the cached result.</param>
    /// <returns>Whether it was cached.</returns>
    public bool TryGet(string key, out JsonNode? value)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                value = node.Value.Value?.DeepClone();
                _hits++;
                return true;
            }

            _misses++;
            value = null;
            return false;
        }
    }

    /// <summary>Stores a result (results over the size limit are not kept).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The result.</param>
    public void Set(string key, JsonNode? value)
    {
        if ((value?.ToJsonString().Length ?? 0) > _maxEntryChars)
        {
            return;
        }

        lock (_gate)
        {
            if (_map.Remove(key, out var old))
            {
                _lru.Remove(old);
            }

            _map[key] = _lru.AddFirst((key, value?.DeepClone()));
            while (_map.Count > _capacity && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _map.Remove(last.Value.Key);
            }
        }
    }
}
