using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>Reads the CSV a data or stats step names: <c>csv</c> inline, or <c>path</c> under the data folder.</summary>
/// <remarks>
/// A reference resolved into <c>path</c> may carry an earlier step's output: an object with a <c>path</c> (the
/// output of data.clean or data.lifecycle) is followed, and a string with a line break is read as inline CSV.
/// </remarks>
internal static class DataSource
{
    public static async Task<(CsvTable Table, string? Path)> LoadAsync(JsonObject args, DataFolder folder, CancellationToken cancellationToken)
    {
        var header = args["header"]?.GetValue<bool>();
        var delimiter = args["delimiter"]?.GetValue<string>() is { Length: 1 } d ? d[0] : (char?)null;
        var (text, path) = await ReadAsync(args, folder, cancellationToken).ConfigureAwait(false);
        return (CsvTable.Parse(text, folder.Options, header, delimiter), path);
    }

    private static async Task<(string Text, string? Path)> ReadAsync(JsonObject args, DataFolder folder, CancellationToken cancellationToken)
    {
        if (args["csv"] is JsonValue csv)
        {
            return (Inline(csv.GetValue<string>(), folder.Options), null);
        }

        var path = args["path"] switch
        {
            JsonObject output when output["path"] is JsonValue inner => inner.GetValue<string>(),
            JsonObject => throw new DataException("'path' was given an object without a 'path' (is the reference to the right step?)."),
            JsonValue value => value.GetValue<string>(),
            _ => throw new DataException("Give the CSV as 'path' (a file under the data folder) or 'csv' (inline text)."),
        };
        if (path.Contains('\n', StringComparison.Ordinal))
        {
            return (Inline(path, folder.Options), null);
        }

        var full = folder.ResolveExisting(path.Trim());
        return (await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false), folder.Relative(full));
    }

    private static string Inline(string text, DataOptions options) => text.Length > options.MaxInlineChars
        ? throw new DataException($"The inline CSV is {text.Length:N0} characters, over the limit of {options.MaxInlineChars:N0}; put it in a file under the data folder.")
        : text;
}
