using AgentFlows.Cli.Api;
using AgentFlows.Cli.Output;
using System.CommandLine;
using System.Globalization;

namespace AgentFlows.Cli.Commands;

/// <summary><c>agentflows status &lt;runId&gt; [--json]</c>.</summary>
internal static class StatusCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="execution">Runs the verb against the API.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandExecution execution)
    {
        var runId = RunIdArgument.Create();
        var json = new Option<bool>("--json") { Description = "Print the server's JSON as it is" };
        var command = new Command("status", "Show a run: status, plan steps, result or error, usage") { runId, json };
        command.SetAction((parseResult, cancellationToken) => execution.RunAsync(
            parseResult,
            async (client, ct) =>
            {
                var id = parseResult.GetRequiredValue(runId);
                if (parseResult.GetValue(json))
                {
                    await execution.Context.Out.WriteLineAsync(await client.GetRunJsonAsync(id, ct));
                }
                else
                {
                    Write(await client.GetRunAsync(id, ct), execution.Context.Out);
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    /// <summary>Writes the human-readable summary of a run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="output">Where to write.</param>
    public static void Write(RunDetails run, TextWriter output)
    {
        var fields = new TextTable("run", run.RunId);
        fields.AddRow("status", run.Status);
        fields.AddRow("prompt", Formatting.OneLine(run.Prompt, 100));
        fields.AddRow("session", run.SessionId ?? "-");
        fields.AddRow("planner", run.Planner ?? "-");
        fields.AddRow("created", Formatting.Time(run.CreatedAt));
        fields.AddRow("updated", Formatting.Time(run.UpdatedAt));
        if (run.Usage is { } usage)
        {
            var cost = usage.CostUsd?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "-";
            fields.AddRow("usage", string.Create(CultureInfo.InvariantCulture, $"{usage.LlmCalls} LLM calls, {usage.InputTokens} input + {usage.OutputTokens} output tokens, ${cost}"));
        }

        if (ApiJson.ToText(run.Result) is { } result)
        {
            fields.AddRow("result", Formatting.OneLine(result, 200));
        }

        if (ApiJson.ToErrorText(run.Error) is { } error)
        {
            fields.AddRow("error", Formatting.OneLine(error, 200));
        }

        fields.WriteTo(output);

        var steps = run.Plan?.Steps ?? [];
        if (steps.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var table = new TextTable("STEP", "TOOL", "STATUS", "ATTEMPTS", "DURATION", "OUTPUT / ERROR");
        foreach (var step in steps)
        {
            table.AddRow(
                step.Id,
                step.Tool ?? "-",
                step.Status ?? "-",
                (step.Attempts ?? 0).ToString(CultureInfo.InvariantCulture),
                Formatting.Duration(step.CompletedAt - step.StartedAt),
                Formatting.OneLine(ApiJson.ToErrorText(step.Error) ?? ApiJson.ToText(step.Output), 60));
        }

        table.WriteTo(output);
    }
}
