using System.Diagnostics;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>
/// Runs Python code under bubblewrap with limits: no network, a read-only system, only its work folder writable, named
/// input files read-only under <c>/data</c>, a private <c>/tmp</c>. It never runs code outside the sandbox: a missing
/// bubblewrap or Python fails the step.
/// </summary>
/// <param name="options">Binaries, defaults and caps.</param>
/// <param name="time">The clock of the wall-clock limit.</param>
public sealed partial class PythonSandbox(SandboxOptions options, TimeProvider? time = null)
{
    private readonly SandboxOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Gets the options.</summary>
    public SandboxOptions Options => _options;

    /// <summary>Fails with a clear, non-retriable reason when bubblewrap or Python is missing.</summary>
    /// <exception cref="NonRetriableException">A binary is missing.</exception>
    public void EnsureInstalled()
    {
        if (!File.Exists(_options.BwrapPath))
        {
            throw new NonRetriableException($"code.python runs only inside the bubblewrap sandbox, and '{_options.BwrapPath}' does not exist: install the Debian package 'bubblewrap' (apt-get install bubblewrap) or set AgentFlows__Sandbox__BwrapPath.");
        }

        if (!File.Exists(_options.PythonPath))
        {
            throw new NonRetriableException($"code.python needs Python at '{_options.PythonPath}', which does not exist: install the Debian packages 'python3 python3-pandas python3-numpy' or set AgentFlows__Sandbox__PythonPath (a path under /usr).");
        }
    }

    /// <summary>Runs code and collects what it did; judging it is the caller's part.</summary>
    /// <param name="code">The Python source.</param>
    /// <param name="workDir">The run's own folder (cleared by the caller); the code's only writable place and its cwd.</param>
    /// <param name="inputs">Files the code may read.</param>
    /// <param name="limits">The limits.</param>
    /// <param name="cancellationToken">Signalled when the host stops: the sandbox is killed and the call throws.</param>
    /// <returns>What happened.</returns>
    internal async Task<SandboxRun> RunAsync(string code, string workDir, IReadOnlyList<SandboxInput> inputs, SandboxLimits limits, CancellationToken cancellationToken)
    {
        EnsureInstalled();
        using var lease = SandboxUsers.Take(_options);
        var start = new ProcessStartInfo(_options.BwrapPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Only a privileged host can run the code as a user of its own (and so enforce the process limit per run).
        foreach (var arg in Arguments(workDir, inputs, limits, Environment.IsPrivilegedProcess ? lease.Uid : -1))
        {
            start.ArgumentList.Add(arg);
        }

        var started = _time.GetTimestamp();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            using var process = await StartAsync(start, release).ConfigureAwait(false);
            return await WatchAsync(process, code, limits, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            release.TrySetResult();
        }
    }
}
