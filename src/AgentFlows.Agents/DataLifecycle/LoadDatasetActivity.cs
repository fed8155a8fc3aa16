using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.DataLifecycle;

/// <summary>
/// The first step of the lifecycle: checks the <c>data.lifecycle</c> arguments against the tool's schema and the
/// checks' settings, reads the source (<c>path</c> or <c>csv</c>) and writes it as <c>round-0.csv</c> in the step's
/// work folder (<c>runs/&lt;runId&gt;/&lt;stepId&gt;</c> under the data folder).
/// </summary>
/// <param name="options">The data folder and limits.</param>
public sealed class LoadDatasetActivity(DataOptions? options) : DataActivity(ToolNames.DataLifecycle, options)
{
    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Folder.Options.Root))
        {
            throw new DataException("data.lifecycle keeps every round's dataset under the data folder, and none is configured.");
        }

        var checks = QualityChecks.From(invocation.Args);
        var (table, source) = await DataSource.LoadAsync(invocation.Args, Folder, cancellationToken).ConfigureAwait(false);
        QualityChecks.KeyIndexes(table.Header, checks.KeyColumns);
        var work = DataLifecycleNames.WorkFolder(invocation.RunId ?? "direct", invocation.StepId ?? "lifecycle");
        var path = work + "/round-0.csv";
        var full = Folder.Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var csv = table.ToCsv();
        await File.WriteAllTextAsync(full, csv, cancellationToken).ConfigureAwait(false);
        var cleaned = CleanedFile.NameFor(source, invocation.Args["csv"]?.GetValue<string>() ?? csv);
        return JsonSerializer.SerializeToNode(new LoadedDataset(source, cleaned, work, path, table.Rows.Count), JsonSerializerOptions.Web);
    }
}
