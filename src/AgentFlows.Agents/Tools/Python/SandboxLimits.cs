using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>The limits of one sandboxed run.</summary>
/// <param name="MemoryMb">Address-space limit in MiB.</param>
/// <param name="TimeoutSeconds">Wall-clock limit in seconds.</param>
/// <param name="CpuSeconds">CPU-time limit in seconds.</param>
/// <param name="Processes">Most processes and threads at once.</param>
/// <param name="OutputBytes">Most bytes of stdout plus stderr.</param>
/// <param name="FileMb">Largest file written, in MiB.</param>
public sealed record SandboxLimits(int MemoryMb, int TimeoutSeconds, int CpuSeconds, int Processes, int OutputBytes, int FileMb)
{
    /// <summary>Gets the limits of a step: what it asks for, else the defaults, never over the caps.</summary>
    /// <param name="options">The options.</param>
    /// <param name="memoryMb">The step's memory limit, if it names one.</param>
    /// <param name="timeoutSeconds">The step's time limit, if it names one.</param>
    /// <returns>The limits.</returns>
    public static SandboxLimits For(SandboxOptions options, int? memoryMb, int? timeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(options);
        var memory = Math.Clamp(memoryMb ?? options.MemoryMb, 16, Math.Max(16, options.MaxMemoryMb));
        var timeout = Math.Clamp(timeoutSeconds ?? options.TimeoutSeconds, 1, Math.Max(1, options.MaxTimeoutSeconds));
        return new(memory, timeout, options.CpuFor(timeout), Math.Max(1, options.MaxProcesses), Math.Max(1024, options.MaxOutputBytes), Math.Max(1, options.MaxFileMb));
    }

    /// <summary>Gives the limits as the tool's output shows them.</summary>
    /// <returns>The JSON.</returns>
    public JsonObject ToJson() => new()
    {
        ["memoryMb"] = MemoryMb,
        ["timeoutSeconds"] = TimeoutSeconds,
        ["cpuSeconds"] = CpuSeconds,
        ["processes"] = Processes,
        ["outputBytes"] = OutputBytes,
        ["fileMb"] = FileMb,
    };
}
