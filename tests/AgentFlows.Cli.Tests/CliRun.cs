using Spectre.Console;

namespace AgentFlows.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it printed.</summary>
internal sealed class CliRun
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    public Dictionary<string, string> Environment { get; } = [];

    public bool IsTerminal { get; init; }

    public int MaxReconnectAttempts { get; init; } = 10;

    public int ExitCode { get; private set; }

    public string Out { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Task<CliRun> ExecuteAsync(params string[] args) => new CliRun().RunAsync(args);

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            IsTerminal = IsTerminal,
            GetEnvironmentVariable = name => Environment.GetValueOrDefault(name),
            ReconnectDelay = TimeSpan.Zero,
            MaxReconnectAttempts = MaxReconnectAttempts,
            CreateAnsiConsole = writer => AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.Yes,
            }),
        };

        ExitCode = await Program.RunAsync(args, context).WaitAsync(_timeout);
        Out = output.ToString();
        Error = error.ToString();
        return this;
    }
}
