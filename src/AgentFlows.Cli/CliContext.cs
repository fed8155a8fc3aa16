using Spectre.Console;

namespace AgentFlows.Cli;

/// <summary>
/// Everything the client takes from its surroundings: where it writes, whether standard output is a terminal, and
/// where it reads environment variables. Tests build one over string writers; <see cref="Program.Main"/> builds
/// one over the process console.
/// </summary>
public sealed class CliContext
{
    /// <summary>Gets the writer for results (standard output).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Gets the writer for diagnostics and errors (standard error).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>
    /// Gets a value indicating whether <see cref="Out"/> is an interactive terminal; only then does
    /// <c>run --watch</c> draw a live table, otherwise it prints plain lines.
    /// </summary>
    public bool IsTerminal { get; init; }

    /// <summary>Gets the lookup for environment variables (<c>AGENTFLOWS_URL</c>, <c>AGENTFLOWS_KEY</c>).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets the clock used for reconnect back-off and the elapsed time of running steps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the first wait before re-opening a dropped event stream; later waits double up to 5 seconds.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how many times in a row the event stream may drop without a new event before giving up.</summary>
    public int MaxReconnectAttempts { get; init; } = 10;

    /// <summary>Gets the time limit of one ordinary (non-streaming) request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Gets the factory of the Spectre console used for the live display when <see cref="IsTerminal"/> is set;
    /// by default one over <see cref="Out"/> with the capabilities Spectre detects.
    /// </summary>
    public Func<TextWriter, IAnsiConsole>? CreateAnsiConsole { get; init; }

    /// <summary>Creates a context over the process console.</summary>
    /// <returns>The context.</returns>
    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        IsTerminal = !Console.IsOutputRedirected,
    };

    internal IAnsiConsole BuildAnsiConsole() => CreateAnsiConsole is { } create
        ? create(Out)
        : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });
}
