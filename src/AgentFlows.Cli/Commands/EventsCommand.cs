using AgentFlows.Cli.Api;
using AgentFlows.Cli.Output;
using System.CommandLine;
using System.Globalization;

namespace AgentFlows.Cli.Commands;

/// <summary><c>agentflows events &lt;runId&gt; [--json]</c>: the run's events, one line each, until the run ends.</summary>
internal static class EventsCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="execution">Runs the verb against the API.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandExecution execution)
    {
        var runId = RunIdArgument.Create();
        var json = new Option<bool>("--json") { Description = "Print each event as the server's NDJSON line" };
        var command = new Command("events", "Stream a run's events from the start until the run ends (resuming if the stream drops)") { runId, json };
        command.SetAction((parseResult, cancellationToken) => execution.RunAsync(
            parseResult,
            async (client, ct) =>
            {
                var context = execution.Context;
                var raw = parseResult.GetValue(json);
                var follower = new RunEventFollower(
                    client,
                    context.TimeProvider,
                    context.ReconnectDelay,
                    context.MaxReconnectAttempts,
                    message => context.Error.WriteLine(message));
                await foreach (var line in follower.FollowAsync(parseResult.GetRequiredValue(runId), ct))
                {
                    await context.Out.WriteLineAsync(raw ? line.Line : Format(line.Event));
                    await context.Out.FlushAsync(ct);
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    /// <summary>Formats an event as one human-readable line: <c>seq time type [step] [data]</c>.</summary>
    /// <param name="e">The event.</param>
    /// <returns>The line.</returns>
    public static string Format(RunEvent e)
    {
        var parts = new List<string>(5)
        {
            e.Seq.ToString(CultureInfo.InvariantCulture),
            Formatting.Time(e.At),
            e.Type,
        };
        if (e.StepId is { Length: > 0 } step)
        {
            parts.Add(step);
        }

        if (e.Data is { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) } data
            && !(data.ValueKind == System.Text.Json.JsonValueKind.Object && !data.EnumerateObject().Any()))
        {
            parts.Add(data.GetRawText());
        }

        return string.Join(' ', parts);
    }
}
