using AgentFlows.Cli.Commands;
using System.CommandLine;

namespace AgentFlows.Cli;

/// <summary>The entry point of the <c>agentflows</c> command-line client.</summary>
public static class Program
{
    /// <summary>Runs the client on the process console; Ctrl+C stops the command, not the run on the server.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, CliContext.FromConsole(), interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs the client in-process with the given writers, as if standard output were not a terminal.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Receives standard output.</param>
    /// <param name="error">Receives standard error.</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, new CliContext { Out = output, Error = error });

    /// <summary>Runs the client in-process in the given context.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="context">The writers, terminal flag and environment to use.</param>
    /// <param name="cancellationToken">Stops the command (exit code <see cref="ExitCodes.Interrupted"/>).</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        var root = RootCommandFactory.Create(context);
        var parseResult = root.Parse(args);
        var hasErrors = parseResult.Errors.Count > 0;
        var configuration = new InvocationConfiguration
        {
            // Usage after a mistake goes to standard error so that standard output stays clean for scripts.
            Output = hasErrors ? context.Error : context.Out,
            Error = context.Error,
            ProcessTerminationTimeout = null,
        };

        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken);
        return hasErrors ? ExitCodes.Usage : exitCode;
    }
}
