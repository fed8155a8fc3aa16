using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>Classifies how the code ended: memory, time, output, crash or its own error.</summary>
public sealed partial class PythonActivity
{
    private const int SigKill = 9;
    private const int SigXcpu = 24;
    private const int SigXfsz = 25;
    private const int TailChars = 2000;

    private void Judge(SandboxRun run, SandboxLimits limits)
    {
        var o = _sandbox.Options;
        SandboxException Fail(SandboxFailureKind kind, string reason) =>
            new(new SandboxFailure(kind, limits.MemoryMb, Math.Max(limits.MemoryMb, o.MaxMemoryMb), limits.TimeoutSeconds, Math.Max(limits.TimeoutSeconds, o.MaxTimeoutSeconds)), reason, Tail(run.Stderr));

        switch (run)
        {
            case { KilledFor: "output" }:
                throw Fail(SandboxFailureKind.Output, $"The code printed more than the output cap of {limits.OutputBytes} bytes (stdout and stderr together), so it was stopped there.");
            case { KilledFor: "time" }:
                throw Fail(SandboxFailureKind.Time, $"The code ran past its wall-clock limit of {limits.TimeoutSeconds} s and was stopped.");
            case { ExitCode: null }:
                // The supervisor never reported: the sandbox itself failed to start, which may pass (worth the usual retry).
                throw new InvalidOperationException($"The sandbox failed before the code ran (bubblewrap exit code {run.ProcessExitCode}): {Tail(run.Stderr)}");
            case { ExitCode: 0 }:
                return;
        }

        if (IsOutOfMemory(run))
        {
            throw Fail(SandboxFailureKind.Memory, $"The code ran out of memory at its limit of {limits.MemoryMb} MiB.");
        }

        if (run.Signal == SigXcpu || (run.Signal == SigKill && run.CpuSeconds >= limits.CpuSeconds - 0.5))
        {
            throw Fail(SandboxFailureKind.Time, $"The code used up its CPU-time limit of {limits.CpuSeconds} s and was stopped.");
        }

        throw run.Signal switch
        {
            SigXfsz => Fail(SandboxFailureKind.Output, $"The code wrote a file over the limit of {limits.FileMb} MiB."),
            > 0 => Fail(SandboxFailureKind.Crash, $"Python crashed: it was killed by signal {run.Signal.ToString(CultureInfo.InvariantCulture)}."),
            _ => Fail(SandboxFailureKind.Code, $"The code failed with exit code {run.ExitCode}: {LastLine(run.Stderr)}"),
        };
    }

    // A MemoryError (numpy's _ArrayMemoryError too) as the last line of a traceback, or a native allocation failure:
    // under the address-space limit a C extension may fail to map a library or return NULL without setting an error
    // (CPython words that "error return without exception set" or "<function …> returned NULL without setting an
    // exception", depending on where the allocation failed).
    internal static bool IsOutOfMemory(SandboxRun run) =>
        MemoryErrorLine().IsMatch(LastLine(run.Stderr)) || NativeOutOfMemory().IsMatch(Tail(run.Stderr));

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no error output)";

    private static string Tail(string text) => text.Length <= TailChars ? text.TrimEnd() : "…" + text[^TailChars..].TrimEnd();

    [GeneratedRegex(@"^([\w.]*\.)?_?\w*MemoryError\b")]
    private static partial Regex MemoryErrorLine();

    [GeneratedRegex(@"Cannot allocate memory|std::bad_alloc|[Oo]ut of memory|failed to map segment from shared object|^SystemError: (error return without exception set|.* returned NULL without setting an exception)\s*$", RegexOptions.Multiline)]
    private static partial Regex NativeOutOfMemory();
}
