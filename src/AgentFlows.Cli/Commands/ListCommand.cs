using AgentFlows.Cli.Api;
using AgentFlows.Cli.Output;
using System.CommandLine;
using System.Globalization;

namespace AgentFlows.Cli.Commands;

/// <summary><c>agentflows list [--status S] [--top N] [--json]</c>.</summary>
internal static class ListCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="execution">Runs the verb against the API.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandExecution execution)
    {
        var status = new Option<string?>("--status") { Description = "Only runs with this status (e.g. Running, Failed)", HelpName = "status" };
        var top = new Option<int?>("--top") { Description = "At most this many runs (1-500)", HelpName = "n" };
        top.Validators.Add(result =>
        {
            // The tokens, not the value: a token that is not a number already has its own error.
            if (result.Tokens.Count == 1
                && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                && n is < 1 or > 500)
            {
                result.AddError("--top must be between 1 and 500.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print the server's JSON as it is" };

        var command = new Command("list", "List runs, newest first") { status, top, json };
        command.SetAction((parseResult, cancellationToken) => execution.RunAsync(
            parseResult,
            async (client, ct) =>
            {
                var text = await client.ListRunsJsonAsync(parseResult.GetValue(status), parseResult.GetValue(top), ct);
                return await JsonOrTable.WriteAsync<RunList>(text, parseResult.GetValue(json), "GET /api/runs", execution.Context.Out, Write);
            },
            cancellationToken));
        return command;
    }


    private static void Write(RunList list, TextWriter output)
    {
        var items = list.Items ?? [];
        var table = new TextTable("RUN ID", "STATUS", "CREATED", "PROMPT");
        foreach (var run in items)
        {
            table.AddRow(run.RunId, run.Status, Formatting.Time(run.CreatedAt), Formatting.OneLine(run.Prompt, 60));
        }

        table.WriteTo(output);
        var total = (list.TotalCount ?? items.Count).ToString(CultureInfo.InvariantCulture);
        output.WriteLine(list.ContinuationToken is null
            ? $"{items.Count} of {total} run(s)"
            : $"{items.Count} of {total} run(s); more exist (raise --top or filter with --status)");
    }
}
