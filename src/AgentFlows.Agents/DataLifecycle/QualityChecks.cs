using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.DataLifecycle;

/// <summary>
/// The quality checks of the lifecycle and their settings, read from the <c>data.lifecycle</c> arguments:
/// <c>noDuplicates</c> (no two rows share <c>keyColumns</c>; default the whole row), <c>typesConsistent</c> (no value
/// of another type than its column's), <c>missingValues</c> (each column's missing fraction at most
/// <c>maxMissingFraction</c>, default 0), <c>outliersFlagged</c> (every value outside 1.5 × IQR was flagged in the
/// round's report, and at most <c>maxOutlierFraction</c> of the rows are outliers when set) and <c>rowCount</c>
/// (<c>minRows</c>, default 1; <c>maxRows</c>; <c>maxDroppedFraction</c> of the source's rows). <c>noNulls</c> is
/// the older name of <c>missingValues</c> with no missing value allowed. All five run when <c>checks</c> is absent.
/// </summary>
public sealed partial class QualityChecks
{
    /// <summary>Every check name, the old noNulls included.</summary>
    public static readonly string[] Names = ["noDuplicates", "typesConsistent", "missingValues", "outliersFlagged", "rowCount", "noNulls"];

    private static readonly string[] _defaults = ["noDuplicates", "typesConsistent", "missingValues", "outliersFlagged", "rowCount"];

    private QualityChecks(JsonObject args)
    {
        Enabled = (args["checks"] as JsonArray)?.Select(c => c!.GetValue<string>()).Distinct().ToArray() ?? _defaults;
        KeyColumns = (args["keyColumns"] as JsonArray)?.Select(c => c!.GetValue<string>()).ToArray() ?? [];
        MaxMissingFraction = Number(args, "maxMissingFraction") ?? 0;
        MaxOutlierFraction = Number(args, "maxOutlierFraction");
        MinRows = (int?)Number(args, "minRows") ?? 1;
        MaxRows = (int?)Number(args, "maxRows");
        MaxDroppedFraction = Number(args, "maxDroppedFraction");
        var unknown = Enabled.FirstOrDefault(c => !Names.Contains(c, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new DataException($"'{unknown}' is not a check; use {string.Join(", ", Names)}.");
        }
    }

    /// <summary>Gets the checks that run.</summary>
    public IReadOnlyList<string> Enabled { get; }

    /// <summary>Gets the key columns of noDuplicates; empty means the whole row.</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    /// <summary>Gets the largest missing fraction per column missingValues allows.</summary>
    public double MaxMissingFraction { get; }

    /// <summary>Gets the largest outlier fraction of the rows outliersFlagged allows, or null for no bound.</summary>
    public double? MaxOutlierFraction { get; }

    /// <summary>Gets the fewest rows rowCount allows.</summary>
    public int MinRows { get; }

    /// <summary>Gets the most rows rowCount allows, or null.</summary>
    public int? MaxRows { get; }

    /// <summary>Gets the largest fraction of the source's rows cleaning may drop, or null.</summary>
    public double? MaxDroppedFraction { get; }

    /// <summary>Reads the checks and their settings.</summary>
    /// <param name="args">The data.lifecycle arguments.</param>
    /// <returns>The checks.</returns>
    /// <exception cref="DataException">An unknown check.</exception>
    public static QualityChecks From(JsonObject args) => new(args ?? throw new ArgumentNullException(nameof(args)));

    /// <summary>Counts the rows whose key equals an earlier row's (after trimming).</summary>
    /// <param name="table">The table.</param>
    /// <param name="keys">The key columns; empty means the whole row.</param>
    /// <returns>The count.</returns>
    /// <exception cref="DataException">A key column the table does not have.</exception>
    public static int DuplicateKeys(CsvTable table, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = KeyIndexes(table.Header, keys);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return table.Rows.Count(r => !seen.Add(string.Join('\u001f', columns.Select(c => r[c].Trim()))));
    }

    /// <summary>The positions of the key columns (every column when none is named).</summary>
    /// <param name="header">The header.</param>
    /// <param name="keys">The key columns.</param>
    /// <returns>The positions.</returns>
    /// <exception cref="DataException">A key column the header does not have.</exception>
    public static int[] KeyIndexes(string[] header, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(header);
        return keys is null || keys.Count == 0
            ? [.. Enumerable.Range(0, header.Length)]
            : [.. keys.Select(k => Array.IndexOf(header, k) is >= 0 and var i ? i : throw new DataException($"There is no column '{k}' (columns: {string.Join(", ", header)})."))];
    }

    private static double? Number(JsonObject args, string name) => args[name] is { } n ? Json.JsonNumber.Get(n) : null;
}
