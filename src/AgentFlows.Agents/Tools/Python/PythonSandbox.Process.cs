using System.Diagnostics;
using System.Text;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>Starting, feeding, watching and killing the bubblewrap process.</summary>
public sealed partial class PythonSandbox
{
    // --die-with-parent is PR_SET_PDEATHSIG, which fires when the parent *thread* ends. Thread-pool threads come and go,
    // so bubblewrap is started from a thread of its own that lives until the sandbox is done.
    private Task<Process> StartAsync(ProcessStartInfo start, TaskCompletionSource release)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                started.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"'{_options.BwrapPath}' did not start."));
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                started.SetException(ex);
                return;
            }

            release.Task.Wait();
        })
        { IsBackground = true, Name = "python-sandbox" };
        thread.Start();
        return started.Task;
    }

    private async Task<SandboxRun> WatchAsync(Process process, string code, SandboxLimits limits, long started, CancellationToken cancellationToken)
    {
        var output = new OutputCapture(limits.OutputBytes, () => Kill(process));
        var stdout = output.ReadAsync(process.StandardOutput.BaseStream, isError: false);
        var stderr = output.ReadAsync(process.StandardError.BaseStream, isError: true);
        await WriteCodeAsync(process, code).ConfigureAwait(false);

        string? killedFor = null;
        using (var wall = new CancellationTokenSource(TimeSpan.FromSeconds(limits.TimeoutSeconds), _time))
        using (var both = CancellationTokenSource.CreateLinkedTokenSource(wall.Token, cancellationToken))
        {
            try
            {
                await process.WaitForExitAsync(both.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                killedFor = "time";
            }
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        var wallSeconds = _time.GetElapsedTime(started).TotalSeconds;
        return output.Result(killedFor, process.ExitCode, wallSeconds);
    }

    private static async Task WriteCodeAsync(Process process, string code)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(code)).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The sandbox ended before reading its code (it failed to start); its stderr tells why.
        }
    }

    // The whole tree: bubblewrap, the sandbox's init and everything in it (its pid namespace dies with its init).
    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
