using AgentFlows.Cli.Api;
using AgentFlows.Cli.Output;
using System.CommandLine;
using System.Globalization;

namespace AgentFlows.Cli.Commands;

/// <summary><c>agentflows tools [--json]</c>: the tools plan steps may call, with their version, flags and usage.</summary>
internal static class ToolsCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="execution">Runs the verb against the API.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandExecution execution)
    {
        var json = new Option<bool>("--json") { Description = "Print the server's JSON as it is (with the argument and output schemas)" };
        var command = new Command("tools", "List the tools with their version, flags and usage on the server") { json };
        command.SetAction((parseResult, cancellationToken) => execution.RunAsync(
            parseResult,
            async (client, ct) =>
            {
                var text = await client.ListToolsJsonAsync(ct);
                return await JsonOrTable.WriteAsync<ToolList>(text, parseResult.GetValue(json), "GET /api/tools", execution.Context.Out, Write);
            },
            cancellationToken));
        return command;
    }


    private static void Write(ToolList list, TextWriter output)
    {
        var items = list.Items ?? [];
        var table = new TextTable("NAME", "VERSION", "FLAGS", "CALLS", "ERRORS", "P50 MS");
        foreach (var tool in items)
        {
            var usage = tool.Usage ?? new ToolUsageInfo(0, 0, null);
            table.AddRow(
                tool.Name,
                tool.Version ?? "-",
                Flags(tool),
                usage.Calls.ToString(CultureInfo.InvariantCulture),
                usage.Errors.ToString(CultureInfo.InvariantCulture),
                usage.P50Ms is { } p50 ? p50.ToString("0.###", CultureInfo.InvariantCulture) : "-");
        }

        table.WriteTo(output);
        output.WriteLine($"{items.Count} tool(s); usage counts calls on the server's process since it started");
    }

    private static string Flags(ToolInfo tool)
    {
        var flags = new[] { tool.Pure ? "pure" : null, tool.NeedsLlm ? "llm" : null, tool.SideEffects ? "side-effects" : null }.OfType<string>().ToList();
        return flags.Count == 0 ? "-" : string.Join(',', flags);
    }
}
