namespace AgentFlows.Agents.Tools.Python;

/// <summary>
/// Leases a user id per running sandbox. RLIMIT_NPROC counts every process of a user id on the machine, so runs that
/// shared one id would share one process budget; a lease gives each concurrent run of this host its own.
/// </summary>
internal static class SandboxUsers
{
    private static readonly HashSet<int> _leased = [];

    /// <summary>Takes a free id from the configured range.</summary>
    /// <param name="options">The options (range).</param>
    /// <returns>The lease; dispose it to give the id back.</returns>
    /// <exception cref="InvalidOperationException">Every id is in use.</exception>
    public static Lease Take(SandboxOptions options)
    {
        lock (_leased)
        {
            for (var i = 0; i < Math.Max(1, options.UidCount); i++)
            {
                var uid = options.FirstUid + i;
                if (_leased.Add(uid))
                {
                    return new Lease(uid);
                }
            }
        }

        // Transient by nature: a later attempt finds a free id once other runs end.
        throw new InvalidOperationException($"All {options.UidCount} sandbox user ids are in use; too many Python steps run at once.");
    }

    /// <summary>A leased user id.</summary>
    /// <param name="Uid">The id.</param>
    internal sealed record Lease(int Uid) : IDisposable
    {
        public void Dispose()
        {
            lock (_leased)
            {
                _leased.Remove(Uid);
            }
        }
    }
}
