using System.Security.Cryptography;
using System.Text;

namespace AgentFlows.Host.Security;

/// <summary>
/// The configured API keys, held as SHA-256 hashes so the process keeps no key in clear after start-up. A presented
/// key is hashed and compared with every entry in constant time, so neither the match nor its position shows in timing.
/// </summary>
internal sealed class ApiKeyRing
{
    private readonly ApiKeyEntry[] _entries;

    /// <summary>Initializes a new instance of the <see cref="ApiKeyRing"/> class.</summary>
    /// <param name="entries">The keys.</param>
    public ApiKeyRing(IEnumerable<ApiKeyEntry> entries)
    {
        _entries = [.. entries];
    }

    /// <summary>Gets a value indicating whether any key is configured; without keys only loopback callers are served.</summary>
    public bool HasKeys => _entries.Length > 0;

    /// <summary>Hashes a key as the ring stores it.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Its SHA-256.</returns>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Finds the entry of a presented key.</summary>
    /// <param name="presented">The key from the request.</param>
    /// <returns>The entry, or null when no configured key matches.</returns>
    public ApiKeyEntry? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        ApiKeyEntry? found = null;
        foreach (var entry in _entries)
        {
            // No early exit: every entry is compared whatever matched before it.
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
            {
                found = entry;
            }
        }

        return found;
    }
}
