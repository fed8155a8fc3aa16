using System.CommandLine;

namespace AgentFlows.Cli.Commands;

/// <summary><c>agentflows rewind &lt;runId&gt;</c>.</summary>
internal static class RewindCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="execution">Runs the verb against the API.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandExecution execution)
    {
        var runId = RunIdArgument.Create();
        var command = new Command("rewind", "Run a failed run again, re-running only its failed steps") { runId };
        command.SetAction((parseResult, cancellationToken) => execution.RunAsync(
            parseResult,
            async (client, ct) =>
            {
                var id = parseResult.GetRequiredValue(runId);
                await client.RewindRunAsync(id, ct);
                await execution.Context.Out.WriteLineAsync($"rewind requested for run {id}");
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
