using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AgentFlows.Execution;

/// <summary>Deterministic jitter: the same instance, call and attempt always get the same value, so replays agree.</summary>
internal static class Jitter
{
    /// <summary>Returns a value in [0, 1) derived from the call.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="taskId">The call's sequence number.</param>
    /// <param name="attempt">The attempt that failed.</param>
    /// <returns>The seed.</returns>
    public static double Seed(string instanceId, int taskId, int attempt)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}|{taskId}|{attempt}"), hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
