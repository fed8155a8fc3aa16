using System.CommandLine;

namespace AgentFlows.Cli.Commands;

/// <summary><c>agentflows cancel &lt;runId&gt; [--reason R]</c>.</summary>
internal static class CancelCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="execution">Runs the verb against the API.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandExecution execution)
    {
        var runId = RunIdArgument.Create();
        var reason = new Option<string?>("--reason") { Description = "Why the run is canceled (kept in its history)", HelpName = "text" };
        var command = new Command("cancel", "Cancel (terminate) a run") { runId, reason };
        command.SetAction((parseResult, cancellationToken) => execution.RunAsync(
            parseResult,
            async (client, ct) =>
            {
                var id = parseResult.GetRequiredValue(runId);
                await client.CancelRunAsync(id, parseResult.GetValue(reason), ct);
                await execution.Context.Out.WriteLineAsync($"cancel requested for run {id}");
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
