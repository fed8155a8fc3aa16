namespace AgentFlows.Agents.Tools.Python;

/// <summary>
/// How <c>code.python</c> runs: the binaries, the default limits a step gets when it names none, and the caps no step
/// (and no self-healing retry) may exceed. Bound from <c>AgentFlows:Sandbox:*</c>.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AgentFlows:Sandbox";

    /// <summary>Gets or sets the Python interpreter (Debian's, not a pyenv shim, so the installed pandas and numpy are found).</summary>
    public string PythonPath { get; set; } = "/usr/bin/python3";

    /// <summary>Gets or sets the bubblewrap binary.</summary>
    public string BwrapPath { get; set; } = "/usr/bin/bwrap";

    /// <summary>Gets or sets the default memory limit (address space) in MiB.</summary>
    public int MemoryMb { get; set; } = 256;

    /// <summary>Gets or sets the largest memory limit in MiB a step or a retry may ask for.</summary>
    public int MaxMemoryMb { get; set; } = 2048;

    /// <summary>Gets or sets the default wall-clock limit in seconds; the CPU-time limit is the same number unless set.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Gets or sets the largest wall-clock limit in seconds a step or a retry may ask for.</summary>
    public int MaxTimeoutSeconds { get; set; } = 300;

    /// <summary>Gets or sets the CPU-time limit in seconds; 0 means "the wall-clock limit".</summary>
    public int CpuSeconds { get; set; }

    /// <summary>Gets or sets the most processes and threads the code may have at once.</summary>
    public int MaxProcesses { get; set; } = 32;

    /// <summary>Gets or sets the most bytes of stdout plus stderr kept; more kills the run (default 1 MiB).</summary>
    public int MaxOutputBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the largest file the code may write, in MiB.</summary>
    public int MaxFileMb { get; set; } = 64;

    /// <summary>Gets or sets the size of the private <c>/tmp</c>, in MiB.</summary>
    public int TmpMb { get; set; } = 64;

    /// <summary>Gets or sets the first of the user ids the code runs as (one per concurrent run, so process limits are per run).</summary>
    public int FirstUid { get; set; } = 61_000;

    /// <summary>Gets or sets how many user ids the sandbox may use, i.e. how many runs may run at once on this host.</summary>
    public int UidCount { get; set; } = 1000;

    /// <summary>Gets or sets how many times an LLM may repair code that failed with its own error before a human is asked.</summary>
    public int MaxRepairs { get; set; } = 2;

    /// <summary>Gets the CPU-time limit for a wall-clock limit.</summary>
    /// <param name="timeoutSeconds">The wall-clock limit.</param>
    /// <returns>The CPU-time limit in seconds.</returns>
    public int CpuFor(int timeoutSeconds) => CpuSeconds > 0 ? Math.Min(CpuSeconds, timeoutSeconds) : timeoutSeconds;
}
