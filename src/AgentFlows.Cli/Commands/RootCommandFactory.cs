using System.CommandLine;
using System.CommandLine.Help;

namespace AgentFlows.Cli.Commands;

/// <summary>Builds the <c>agentflows</c> command tree.</summary>
internal static class RootCommandFactory
{
    /// <summary>The command's name in usage text, whatever process hosts it (the tool shim, dotnet run, a test host).</summary>
    public const string Name = "agentflows";

    /// <summary>Creates the root command with its verbs and global options.</summary>
    /// <param name="context">The client's context.</param>
    /// <returns>The root command.</returns>
    /// <remarks>
    /// A plain <see cref="Command"/> rather than <see cref="RootCommand"/>, whose name is the host executable's and
    /// would read "testhost" or "dotnet" in usage text.
    /// </remarks>
    public static Command Create(CliContext context)
    {
        var globals = new GlobalOptions(context);
        var execution = new CommandExecution(context, globals);
        return new Command(Name, "agentflows: start, watch and manage AgentFlows runs over the Run API.")
        {
            new HelpOption(),
            new VersionOption(),
            globals.Url,
            globals.Key,
            RunCommand.Create(execution),
            StatusCommand.Create(execution),
            ListCommand.Create(execution),
            EventsCommand.Create(execution),
            CancelCommand.Create(execution),
            RewindCommand.Create(execution),
            ApproveCommand.Create(execution),
            ToolsCommand.Create(execution),
        };
    }
}
