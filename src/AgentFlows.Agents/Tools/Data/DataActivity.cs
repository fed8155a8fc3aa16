namespace AgentFlows.Agents.Tools.Data;

/// <summary>The base of the tools that read CSV.</summary>
public abstract class DataActivity : ToolActivity
{
    /// <summary>Initializes a new instance of the <see cref="DataActivity"/> class.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="options">The data folder and limits; inline CSV only when null.</param>
    protected DataActivity(string tool, DataOptions? options)
        : base(ToolRegistry.Default.Get(tool)) => Folder = new DataFolder(options ?? new DataOptions());

    /// <summary>Gets the data folder.</summary>
    protected DataFolder Folder { get; }

    /// <summary>Writes a cleaned CSV beside its source, or for inline input at the top of the data folder under a name
    /// taken from a hash of the input, so a repeated attempt rewrites the same file.</summary>
    /// <param name="source">The source path relative to the data folder, or null for inline input.</param>
    /// <param name="inline">The inline input, or null.</param>
    /// <param name="csv">The cleaned CSV.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The written path relative to the data folder, or null when there is no data folder and nothing to write beside.</returns>
    protected Task<string?> WriteCleanedAsync(string? source, string? inline, string csv, CancellationToken cancellationToken) =>
        CleanedFile.WriteAsync(Folder, source, inline, csv, cancellationToken);
}
