using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>
/// The <c>data.clean</c> tool: cleans the CSV (see <see cref="DataCleaner"/>), writes it beside the source as
/// <c>&lt;name&gt;.cleaned.csv</c> (inline CSV as <c>inline-&lt;hash&gt;.cleaned.csv</c> at the top of the data folder), and
/// returns the path, the report, the cleaned profile and, when small, the cleaned CSV itself.
/// </summary>
/// <remarks>The output name depends only on the input, so a repeated attempt rewrites the same file.</remarks>
public sealed class DataCleanActivity : DataActivity
{
    /// <summary>Initializes a new instance of the <see cref="DataCleanActivity"/> class.</summary>
    /// <param name="options">The data folder and limits; without a folder the cleaned CSV is only returned inline.</param>
    public DataCleanActivity(DataOptions? options)
        : base(ToolNames.DataClean, options)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var (table, path) = await DataSource.LoadAsync(invocation.Args, Folder, cancellationToken).ConfigureAwait(false);
        var (cleaned, report) = new DataCleaner(Folder.Options).Clean(table);
        var csv = cleaned.ToCsv();
        var written = await WriteCleanedAsync(path, invocation.Args["csv"]?.GetValue<string>(), csv, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["path"] = written,
            ["source"] = path,
            ["rowsIn"] = table.Rows.Count,
            ["rowsOut"] = cleaned.Rows.Count,
            ["report"] = report.ToJson(),
            ["profile"] = DataProfiler.Profile(cleaned).ToJson(),
            ["csv"] = csv.Length <= Folder.Options.MaxInlineOutputChars ? csv : null,
        };
    }
}
