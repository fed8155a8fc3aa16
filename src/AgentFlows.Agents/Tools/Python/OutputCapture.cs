using System.Text;
using System.Text.Json;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>Reads stdout and stderr up to one shared cap; going over it kills the sandbox.</summary>
/// <param name="cap">Most bytes kept of both streams together.</param>
/// <param name="kill">Kills the sandbox.</param>
internal sealed class OutputCapture(int cap, Action kill)
{
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private readonly Lock _lock = new();
    private int _total;
    private bool _over;

    /// <summary>Copies one stream until it ends, keeping what fits under the cap.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="isError">Whether it is stderr.</param>
    /// <returns>A task that ends with the stream.</returns>
    public async Task ReadAsync(Stream stream, bool isError)
    {
        // The supervisor's usage line arrives after the code's stderr, so a little room is kept for it.
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            var killNow = false;
            lock (_lock)
            {
                var room = Math.Max(0, cap + (isError ? 512 : 0) - _total);
                var keep = Math.Min(room, read);
                (isError ? _stderr : _stdout).Write(buffer, 0, keep);
                _total += keep;
                if (keep < read && !_over)
                {
                    _over = killNow = true;
                }
            }

            if (killNow)
            {
                kill();
            }
        }
    }

    /// <summary>Assembles the run's record once both streams ended.</summary>
    /// <param name="killedFor">Why the host killed the sandbox, if it did.</param>
    /// <param name="processExit">Bubblewrap's exit code.</param>
    /// <param name="wallSeconds">The wall time.</param>
    /// <returns>The record.</returns>
    public SandboxRun Result(string? killedFor, int processExit, double wallSeconds)
    {
        var stderr = Encoding.UTF8.GetString(_stderr.ToArray());
        var marker = stderr.LastIndexOf(SandboxSupervisor.UsageMarker, StringComparison.Ordinal);
        JsonElement? usage = null;
        if (marker >= 0 && !_over && killedFor is null)
        {
            try
            {
                usage = JsonDocument.Parse(stderr[(marker + SandboxSupervisor.UsageMarker.Length)..].Trim()).RootElement.Clone();
                stderr = stderr[..marker];
            }
            catch (JsonException)
            {
                // Not the supervisor's line (the code printed the marker itself): leave stderr as it is.
            }
        }

        return new SandboxRun
        {
            Stdout = Encoding.UTF8.GetString(_stdout.ToArray()),
            Stderr = stderr,
            ExitCode = usage?.GetProperty("exit").GetInt32(),
            Signal = usage?.GetProperty("signal").GetInt32() ?? 0,
            MaxRssKb = usage?.GetProperty("maxRssKb").GetInt64() ?? 0,
            CpuSeconds = usage?.GetProperty("cpuSeconds").GetDouble() ?? 0,
            WallSeconds = Math.Round(wallSeconds, 3),
            KilledFor = _over ? "output" : killedFor,
            ProcessExitCode = processExit,
        };
    }
}
