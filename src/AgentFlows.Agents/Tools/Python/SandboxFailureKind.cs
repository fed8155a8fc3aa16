namespace AgentFlows.Agents.Tools.Python;

/// <summary>Why sandboxed code did not finish well; the orchestration heals each kind differently.</summary>
public enum SandboxFailureKind
{
    /// <summary>Out of memory: a <c>MemoryError</c>, or the process died allocating past the address-space limit.</summary>
    Memory,

    /// <summary>The wall-clock or CPU-time limit was reached.</summary>
    Time,

    /// <summary>stdout plus stderr went over the cap, or a file over the file-size limit was written.</summary>
    Output,

    /// <summary>The interpreter died of a signal that no limit explains.</summary>
    Crash,

    /// <summary>The code's own error: a non-zero exit, usually with a traceback.</summary>
    Code,
}
