using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tools.Stats;

/// <summary>The base of the stats tools: arrays in the arguments, or columns of a CSV.</summary>
public abstract class StatsActivity : ToolActivity
{
    private readonly DataFolder _folder;

    /// <summary>Initializes a new instance of the <see cref="StatsActivity"/> class.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="options">The data folder for CSV columns; inline CSV only when null.</param>
    protected StatsActivity(string tool, DataOptions? options)
        : base(ToolRegistry.Default.Get(tool)) => _folder = new DataFolder(options ?? new DataOptions());

    /// <summary>Reads the CSV named by the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The table.</returns>
    protected Task<CsvTable> TableAsync(JsonObject args, CancellationToken cancellationToken) =>
        StatsInputs.TableAsync(args, _folder, cancellationToken);
}
