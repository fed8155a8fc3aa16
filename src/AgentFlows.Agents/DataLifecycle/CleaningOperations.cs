using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.DataLifecycle;

/// <summary>
/// The fixed vocabulary of cleaning operations: <c>clean</c> (the built-in cleaner: trim, missing markers, types,
/// empty and duplicate rows, outliers flagged, imputation), <c>dropDuplicateKeys</c> (keys: keep the first row of
/// each key), <c>dropColumn</c> (column), <c>dropRowsMissing</c> (column: drop rows without a value there),
/// <c>renameColumn</c> (column, to) and <c>python</c> (code: pandas that changes <c>df</c>, run by <c>code.python</c>).
/// </summary>
public static class CleaningOperations
{
    /// <summary>Every operation kind.</summary>
    public static readonly string[] Kinds = ["clean", "dropDuplicateKeys", "dropColumn", "dropRowsMissing", "renameColumn", "python"];

    /// <summary>Tells what is wrong with an operation against a header, or null when it is valid.</summary>
    /// <param name="op">The operation.</param>
    /// <param name="header">The columns of the dataset it will meet.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Problem(CleaningOperation op, IReadOnlyCollection<string> header)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(header);
        string? Column(string? name) => string.IsNullOrWhiteSpace(name) ? $"'{op.Kind}' needs a column"
            : header.Contains(name, StringComparer.Ordinal) ? null : $"'{op.Kind}' names a column '{name}' that does not exist";
        return op.Kind switch
        {
            "clean" => null,
            "dropDuplicateKeys" => op.Keys is not { Count: > 0 } ? "'dropDuplicateKeys' needs keys" : op.Keys.Select(Column).FirstOrDefault(p => p is not null),
            "dropColumn" or "dropRowsMissing" => Column(op.Column),
            "renameColumn" => Column(op.Column) ?? (string.IsNullOrWhiteSpace(op.To) || header.Contains(op.To, StringComparer.Ordinal) ? "'renameColumn' needs a new, unused name in 'to'" : null),
            "python" => string.IsNullOrWhiteSpace(op.Code) ? "'python' needs code" : null,
            _ => $"'{op.Kind}' is not an operation; use {string.Join(", ", Kinds)}",
        };
    }

    /// <summary>Applies built-in operations, in order.</summary>
    /// <param name="table">The dataset.</param>
    /// <param name="operations">The operations (python excluded).</param>
    /// <param name="options">The cleaner's options.</param>
    /// <returns>The new dataset, one action per operation, and the outliers flagged per column.</returns>
    public static (CsvTable Table, JsonArray Actions, Dictionary<string, int> Flagged) Apply(CsvTable table, IEnumerable<CleaningOperation> operations, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var actions = new JsonArray();
        var flagged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var op in operations)
        {
            var before = table.Rows.Count;
            var action = new JsonObject { ["kind"] = op.Kind, ["source"] = op.Source, ["reason"] = op.Reason };
            if (Problem(op, table.Header) is { } problem)
            {
                action["skipped"] = problem;
                actions.Add(action);
                continue;
            }

            (table, var detail) = ApplyOne(table, op, options, flagged);
            action["rowsRemoved"] = before - table.Rows.Count;
            action["changes"] = detail;
            actions.Add(action);
        }

        return (table, actions, flagged);
    }

    private static (CsvTable, JsonNode?) ApplyOne(CsvTable table, CleaningOperation op, DataOptions options, Dictionary<string, int> flagged)
    {
        switch (op.Kind)
        {
            case "clean":
                var (cleaned, report) = new DataCleaner(options).Clean(table);
                foreach (var change in report.Changes.Where(c => c.Action == "outlier-flagged" && c.Column is not null))
                {
                    flagged[change.Column!] = flagged.GetValueOrDefault(change.Column!) + 1;
                }

                return (cleaned, report.ToJson());
            case "dropDuplicateKeys":
                var columns = QualityChecks.KeyIndexes(table.Header, op.Keys!);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                return (table.WithRows(table.Rows.Where(r => seen.Add(string.Join('\u001f', columns.Select(c => r[c].Trim())))).ToList()), null);
            case "dropRowsMissing":
                var at = Array.IndexOf(table.Header, op.Column);
                return (table.WithRows(table.Rows.Where(r => !CellValues.IsMissing(r[at])).ToList()), null);
            case "dropColumn":
                var drop = Array.IndexOf(table.Header, op.Column);
                return (table.WithColumns(table.Header.Where((_, i) => i != drop).ToArray(), table.Rows.Select(r => r.Where((_, i) => i != drop).ToArray()).ToList()), null);
            default:
                return (table.WithColumns(table.Header.Select(h => h == op.Column ? op.To! : h).ToArray(), table.Rows), null);
        }
    }
}
