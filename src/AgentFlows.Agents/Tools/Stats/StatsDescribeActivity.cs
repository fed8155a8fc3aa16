using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tools.Stats;

/// <summary>The <c>stats.describe</c> tool: <c>values</c>, or a CSV <c>column</c>.</summary>
public sealed class StatsDescribeActivity : StatsActivity
{
    /// <summary>Initializes a new instance of the <see cref="StatsDescribeActivity"/> class.</summary>
    /// <param name="options">The data folder for CSV columns.</param>
    public StatsDescribeActivity(DataOptions? options = null)
        : base(ToolNames.StatsDescribe, options)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var args = invocation.Args;
        var values = args["values"] is { } node
            ? StatsInputs.Numbers(node, "values")
            : StatsInputs.NumberColumn(await TableAsync(args, cancellationToken).ConfigureAwait(false), StatsInputs.ColumnNames(args, 1)[0]);
        return Statistics.Describe(values).ToJson();
    }
}
