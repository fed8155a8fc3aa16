namespace AgentFlows.Agents.Tools.Python;

/// <summary>What one sandboxed run did, before it is judged.</summary>
internal sealed record SandboxRun
{
    /// <summary>Gets stdout (cut at the output cap).</summary>
    public required string Stdout { get; init; }

    /// <summary>Gets stderr without the supervisor's usage line (cut at the output cap).</summary>
    public required string Stderr { get; init; }

    /// <summary>Gets the exit code (128 + signal for a signal), or null when the supervisor did not report (killed, or the sandbox did not start).</summary>
    public int? ExitCode { get; init; }

    /// <summary>Gets the signal that ended the code, or 0.</summary>
    public int Signal { get; init; }

    /// <summary>Gets the peak resident memory of the code, in KiB.</summary>
    public long MaxRssKb { get; init; }

    /// <summary>Gets the CPU time of the code.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>Gets the wall time of the whole sandbox.</summary>
    public double WallSeconds { get; init; }

    /// <summary>Gets why the host killed the sandbox: <c>time</c>, <c>output</c>, or null.</summary>
    public string? KilledFor { get; init; }

    /// <summary>Gets the exit code of bubblewrap itself.</summary>
    public int ProcessExitCode { get; init; }
}
