using AgentFlows.Cli.Api;
using AgentFlows.Cli.Watch;
using Spectre.Console;
using System.CommandLine;

namespace AgentFlows.Cli.Commands;

/// <summary><c>agentflows run "&lt;prompt&gt;" [--watch] [--session S] [--planner P] [--on-step-failure F]</c>.</summary>
internal static class RunCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="execution">Runs the verb against the API.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandExecution execution)
    {
        var prompt = new Argument<string>("prompt") { Description = "What the run should do, e.g. \"calculate sqrt(16) + 2^3\"" };
        prompt.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("The prompt must not be empty.");
            }
        });
        var watch = new Option<bool>("--watch", "-w") { Description = "Show the plan's steps live until the run ends; exit 0 if it completed, 1 otherwise" };
        var session = new Option<string?>("--session") { Description = "The session the run belongs to (shares its LLM cache)", HelpName = "id" };
        var planner = new Option<string?>("--planner") { Description = "Which planner makes the plan" };
        planner.AcceptOnlyFromAmong("auto", "llm", "pattern");
        var onStepFailure = new Option<string?>("--on-step-failure") { Description = "What a failed step does: fail the run, or ask for approval" };
        onStepFailure.AcceptOnlyFromAmong("fail", "ask");

        var command = new Command("run", "Start a run (POST /api/runs) and print its id") { prompt, watch, session, planner, onStepFailure };
        command.SetAction((parseResult, cancellationToken) => execution.RunAsync(
            parseResult,
            async (client, ct) =>
            {
                var request = new StartRunRequest(parseResult.GetRequiredValue(prompt))
                {
                    SessionId = parseResult.GetValue(session),
                    Planner = parseResult.GetValue(planner),
                    OnStepFailure = parseResult.GetValue(onStepFailure),
                };
                var accepted = await client.StartRunAsync(request, ct);
                await execution.Context.Out.WriteLineAsync(accepted.RunId);
                return parseResult.GetValue(watch)
                    ? await WatchAsync(client, execution.Context, accepted.RunId, ct)
                    : ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> WatchAsync(AgentFlowsApiClient client, CliContext context, string runId, CancellationToken cancellationToken)
    {
        var watcher = new RunWatcher(client, context);
        var progress = new RunProgress(runId);
        if (context.IsTerminal)
        {
            var console = context.BuildAnsiConsole();
            await LiveWatch.RunAsync(watcher, progress, console, context.TimeProvider, cancellationToken);
            if (progress.Status == "Completed" && progress.Result is { } result)
            {
                console.MarkupLine($"[green]result:[/] {Markup.Escape(result)}");
            }
            else if (progress.Status != "Completed" && progress.Error is { } error)
            {
                console.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
            }
        }
        else
        {
            await watcher.WatchAsync(progress, new PlainProgressView(context.Out), cancellationToken);
        }

        return progress.Status == "Completed" ? ExitCodes.Success : ExitCodes.Failed;
    }
}
