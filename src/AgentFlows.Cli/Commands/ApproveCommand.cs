using AgentFlows.Cli.Api;
using System.CommandLine;

namespace AgentFlows.Cli.Commands;

/// <summary><c>agentflows approve &lt;runId&gt; --decision retry|skip|abort [--note N]</c>.</summary>
internal static class ApproveCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="execution">Runs the verb against the API.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandExecution execution)
    {
        var runId = RunIdArgument.Create();
        var decision = new Option<string>("--decision") { Description = "What the waiting run does with its failed step", Required = true };
        decision.AcceptOnlyFromAmong("retry", "skip", "abort");
        var note = new Option<string?>("--note") { Description = "A note kept with the decision", HelpName = "text" };
        var command = new Command("approve", "Answer a run that waits for approval after a failed step") { runId, decision, note };
        command.SetAction((parseResult, cancellationToken) => execution.RunAsync(
            parseResult,
            async (client, ct) =>
            {
                var id = parseResult.GetRequiredValue(runId);
                var chosen = parseResult.GetRequiredValue(decision);
                await client.ApproveRunAsync(id, new ApproveRequest(chosen, parseResult.GetValue(note)), ct);
                await execution.Context.Out.WriteLineAsync($"decision '{chosen}' sent for run {id}");
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
