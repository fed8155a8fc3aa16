using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFlows.Agents.Json;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Planning;

/// <content>
/// Data and wait requests. A data source with a line break is inline CSV (<c>csv</c>); a literal <c>\n</c> in a
/// one-line source counts as a line break, so CSV can be typed on one line inside quotes. Anything else, a
/// reference included, is a <c>path</c> under the data folder.
/// </content>
internal static partial class RequestParser
{
    private const double MaxWaitSeconds = 2_592_000;

    private static PlannedRequest Data(string request, Match match)
    {
        var verb = match.Groups["verb"].Value.ToLowerInvariant();
        var source = Quoting.Unquote(match.Groups["source"].Value);
        if (source.Length == 0)
        {
            throw new PlanningException(request, $"{verb} data needs a CSV file path under the data folder, or inline CSV in quotes");
        }

        if (!source.Contains('\n', StringComparison.Ordinal) && source.Contains("\\n", StringComparison.Ordinal))
        {
            source = source.Replace("\\r\\n", "\n", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);
        }

        var inline = source.Contains('\n', StringComparison.Ordinal) && !StepReferences.IsWholeReference(source, out _);
        var args = new JsonObject { [inline ? "csv" : "path"] = source };
        var tool = match.Groups["until"].Success ? ToolNames.DataLifecycle
            : verb == "clean" ? ToolNames.DataClean
            : ToolNames.DataProfile;
        return new PlannedRequest(tool, args);
    }

    private static PlannedRequest Wait(string request, string rest)
    {
        var m = RequestPatterns.Duration().Match(rest.Trim());
        if (!m.Success)
        {
            throw new PlanningException(request, "say how long to wait, as in: wait 30 seconds, wait 5 minutes, wait 2 hours");
        }

        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var factor = unit[0] switch { 'h' => 3600, 'm' => 60, _ => 1 };
        var amount = m.Groups["n"].Value;
        if (amount[0] == '{')
        {
            return factor == 1 && StepReferences.IsWholeReference(amount, out _)
                ? new PlannedRequest(ToolNames.Wait, new JsonObject { ["seconds"] = amount })
                : throw new PlanningException(request, "a wait can only take a step's output as a number of seconds, as in: wait {step_1_output} seconds");
        }

        var seconds = double.Parse(amount, CultureInfo.InvariantCulture) * factor;
        return seconds > MaxWaitSeconds
            ? throw new PlanningException(request, "a wait can be at most 30 days")
            : new PlannedRequest(ToolNames.Wait, new JsonObject { ["seconds"] = JsonNumber.Create(seconds) });
    }
}
