using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>The service as a real process: <c>dotnet AgentFlows.Host.dll --contentRoot … --urls http://127.0.0.1:port</c>.</summary>
/// <remarks>Also compiled into the multi-host tests (linked), so it depends on nothing else of this project.</remarks>
internal sealed class HostProcess : IAsyncDisposable
{
    // Bounds starting, stopping and waiting for a process; a loaded CI machine starts a host in a few seconds.
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(45);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private HostProcess(Process process, Uri baseAddress, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the service's root URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the lines the process wrote to standard output and error so far (the last 2,000).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Gets the last lines the process wrote to standard output and error, for failure messages.</summary>
    public string OutputTail => string.Join('\n', _output.TakeLast(30));

    /// <summary>Gets the OS process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets the exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the host and waits (bounded) until it listens.</summary>
    /// <param name="contentRoot">The content root (host.json, the database under .agentflows/).</param>
    /// <param name="environment">Environment variables (settings) for the process.</param>
    /// <returns>The running host.</returns>
    public static async Task<HostProcess> StartAsync(string contentRoot, IReadOnlyDictionary<string, string>? environment = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "AgentFlows.Host.dll"), "--contentRoot", contentRoot, "--urls", url })
        {
            info.ArgumentList.Add(arg);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Keep(output, e.Data);
            if (e.Data.Contains("Now listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Keep(output, e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The host exited with code {process.ExitCode} before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri(url), output);
        try
        {
            await listening.Task.WaitAsync(ProcessTimeout);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            var tail = host.OutputTail;
            await host.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}\n{tail}", ex);
        }

        return host;
    }

    /// <summary>Kills the process at once (SIGKILL: no graceful shutdown, leases left held) and waits for it to be gone.</summary>
    /// <returns>A task.</returns>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(ProcessTimeout);
    }

    /// <summary>Sends SIGTERM (what a container runtime or systemd sends to stop a service) without waiting.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits (bounded) until the process has exited.</summary>
    /// <returns>A task.</returns>
    public Task WaitForExitAsync() => _process.WaitForExitAsync().WaitAsync(ProcessTimeout);

    /// <summary>Creates a client of the host.</summary>
    /// <param name="timeout">The bound of each request.</param>
    /// <returns>The client.</returns>
    public HttpClient CreateClient(TimeSpan timeout) => new() { BaseAddress = BaseAddress, Timeout = timeout };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> output, string line)
    {
        output.Enqueue(line);
        while (output.Count > 2000 && output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
