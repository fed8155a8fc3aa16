using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tools.Stats;

/// <summary>The <c>stats.ttest</c> tool (Welch): <c>x</c> and <c>y</c>, or two CSV <c>columns</c>.</summary>
public sealed class StatsTTestActivity : StatsActivity
{
    /// <summary>Initializes a new instance of the <see cref="StatsTTestActivity"/> class.</summary>
    /// <param name="options">The data folder for CSV columns.</param>
    public StatsTTestActivity(DataOptions? options = null)
        : base(ToolNames.StatsTTest, options)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var args = invocation.Args;
        if (args["x"] is { } x)
        {
            return Statistics.WelchTTest(StatsInputs.Numbers(x, "x"), StatsInputs.Numbers(args["y"], "y")).ToJson();
        }

        var table = await TableAsync(args, cancellationToken).ConfigureAwait(false);
        var names = StatsInputs.ColumnNames(args, 2);
        return Statistics.WelchTTest(StatsInputs.NumberColumn(table, names[0]), StatsInputs.NumberColumn(table, names[1])).ToJson();
    }
}

/// <summary>The <c>stats.correlation</c> tool (Pearson): <c>x</c> and <c>y</c>, or two CSV <c>columns</c> (rows missing either value skipped).</summary>
public sealed class StatsCorrelationActivity : StatsActivity
{
    /// <summary>Initializes a new instance of the <see cref="StatsCorrelationActivity"/> class.</summary>
    /// <param name="options">The data folder for CSV columns.</param>
    public StatsCorrelationActivity(DataOptions? options = null)
        : base(ToolNames.StatsCorrelation, options)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var args = invocation.Args;
        if (args["x"] is { } x)
        {
            return Statistics.Pearson(StatsInputs.Numbers(x, "x"), StatsInputs.Numbers(args["y"], "y")).ToJson();
        }

        var table = await TableAsync(args, cancellationToken).ConfigureAwait(false);
        var names = StatsInputs.ColumnNames(args, 2);
        var (a, b) = (StatsInputs.Column(table, names[0]), StatsInputs.Column(table, names[1]));
        var pairs = Enumerable.Range(0, table.Rows.Count)
            .Select(r => (X: StatsInputs.Cell(table, r, a), Y: StatsInputs.Cell(table, r, b)))
            .Where(p => p.X is not null && p.Y is not null)
            .ToArray();
        return Statistics.Pearson(pairs.Select(p => p.X!.Value).ToArray(), pairs.Select(p => p.Y!.Value).ToArray()).ToJson();
    }
}
