using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>The <c>data.profile</c> tool.</summary>
public sealed class DataProfileActivity : DataActivity
{
    /// <summary>Initializes a new instance of the <see cref="DataProfileActivity"/> class.</summary>
    /// <param name="options">The data folder and limits; inline CSV only when null.</param>
    public DataProfileActivity(DataOptions? options)
        : base(ToolNames.DataProfile, options)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var (table, path) = await DataSource.LoadAsync(invocation.Args, Folder, cancellationToken).ConfigureAwait(false);
        var profile = DataProfiler.Profile(table).ToJson();
        profile["path"] = path;
        return profile;
    }
}
