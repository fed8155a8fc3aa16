using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tools.Stats;

/// <summary>
/// The <c>stats.chisquare</c> tool: <c>observed</c> counts (with optional <c>expected</c>) for goodness of fit, rows of
/// counts for independence; or one CSV column (its category counts against uniform) or two (their contingency table).
/// </summary>
public sealed class StatsChiSquareActivity : StatsActivity
{
    /// <summary>Initializes a new instance of the <see cref="StatsChiSquareActivity"/> class.</summary>
    /// <param name="options">The data folder for CSV columns.</param>
    public StatsChiSquareActivity(DataOptions? options = null)
        : base(ToolNames.StatsChiSquare, options)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var args = invocation.Args;
        if (args["observed"] is JsonArray observed)
        {
            var expected = args["expected"] is { } e ? StatsInputs.Numbers(e, "expected") : null;
            return observed.Count > 0 && observed[0] is JsonArray
                ? ChiSquare.Independence(observed.Select((row, i) => (IReadOnlyList<double>)StatsInputs.Numbers(row, $"observed[{i}]")).ToArray()).ToJson()
                : ChiSquare.GoodnessOfFit(StatsInputs.Numbers(observed, "observed"), expected).ToJson();
        }

        var table = await TableAsync(args, cancellationToken).ConfigureAwait(false);
        var columns = (args["columns"] as JsonArray ?? []).Select(c => StatsInputs.Column(table, c!.GetValue<string>())).ToArray();
        var cells = table.Rows.Select(r => columns.Select(c => r[c].Trim()).ToArray()).Where(r => r.All(v => !CellValues.IsMissing(v))).ToArray();
        if (columns.Length == 1)
        {
            return ChiSquare.GoodnessOfFit(cells.GroupBy(r => r[0], StringComparer.Ordinal).Select(g => (double)g.Count()).ToArray()).ToJson();
        }

        if (columns.Length != 2)
        {
            throw new StatisticsException($"Give one column (goodness of fit) or two (independence), not {columns.Length}.");
        }

        var rows = cells.Select(r => r[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var cols = cells.Select(r => r[1]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var table2 = rows.Select(a => (IReadOnlyList<double>)cols.Select(b => (double)cells.Count(r => r[0] == a && r[1] == b)).ToArray()).ToArray();
        return ChiSquare.Independence(table2).ToJson();
    }
}
