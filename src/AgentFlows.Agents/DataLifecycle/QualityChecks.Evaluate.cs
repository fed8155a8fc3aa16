using System.Globalization;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.DataLifecycle;

/// <content>Running the checks against a round's dataset.</content>
public sealed partial class QualityChecks
{
    /// <summary>Runs the enabled checks.</summary>
    /// <param name="table">The round's dataset.</param>
    /// <param name="profile">Its profile.</param>
    /// <param name="sourceRows">The source's rows.</param>
    /// <param name="flagged">Outliers the round flagged, per column.</param>
    /// <returns>Per check: passed, and why.</returns>
    public IReadOnlyDictionary<string, (bool Passed, string Detail)> Evaluate(CsvTable table, TableProfile profile, int sourceRows, IReadOnlyDictionary<string, int> flagged)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(flagged);
        var results = new SortedDictionary<string, (bool, string)>(StringComparer.Ordinal);
        foreach (var check in Enabled)
        {
            results[check] = check switch
            {
                "noDuplicates" => NoDuplicates(table),
                "typesConsistent" => Result(profile.Columns.Where(c => c.Invalid > 0).Select(c => $"{c.Name}: {c.Invalid} not {c.Type.ToString().ToLowerInvariant()}"), "every value has its column's type"),
                "missingValues" => Missing(profile, MaxMissingFraction),
                "noNulls" => Missing(profile, 0),
                "outliersFlagged" => Outliers(profile, flagged),
                _ => Rows(profile.Rows, sourceRows),
            };
        }

        return results;
    }

    private (bool, string) NoDuplicates(CsvTable table)
    {
        var keys = KeyColumns.Count == 0 ? "whole rows" : string.Join("+", KeyColumns);
        try
        {
            var duplicates = DuplicateKeys(table, KeyColumns);
            return (duplicates == 0, $"{duplicates} duplicate(s) by {keys}");
        }
        catch (DataException e)
        {
            return (false, e.Message);
        }
    }

    private static (bool, string) Missing(TableProfile profile, double max)
    {
        var rows = Math.Max(profile.Rows, 1);
        return Result(
            profile.Columns.Where(c => (double)c.Nulls / rows > max).Select(c => $"{c.Name}: {c.Nulls} of {profile.Rows} missing"),
            $"every column is at most {Percent(max)} missing");
    }

    private (bool, string) Outliers(TableProfile profile, IReadOnlyDictionary<string, int> flagged)
    {
        var unflagged = profile.Columns.Where(c => c.Outliers > flagged.GetValueOrDefault(c.Name)).Select(c => $"{c.Name}: {c.Outliers} outlier(s), {flagged.GetValueOrDefault(c.Name)} flagged");
        var most = profile.Columns.Select(c => c.Outliers).DefaultIfEmpty(0).Max();
        var over = MaxOutlierFraction is { } max && most > max * profile.Rows
            ? [$"{most} outlier(s) in one column, over {Percent(max)} of {profile.Rows} rows"]
            : Array.Empty<string>();
        return Result(unflagged.Concat(over), $"{profile.Columns.Sum(c => c.Outliers)} outlier(s), all flagged");
    }

    private (bool, string) Rows(int rows, int sourceRows)
    {
        var problems = new List<string>();
        if (rows < MinRows)
        {
            problems.Add($"{rows} row(s), fewer than {MinRows}");
        }

        if (MaxRows is { } most && rows > most)
        {
            problems.Add($"{rows} row(s), more than {most}");
        }

        var dropped = sourceRows == 0 ? 0 : (double)(sourceRows - rows) / sourceRows;
        if (MaxDroppedFraction is { } maxDropped && dropped > maxDropped)
        {
            problems.Add($"{Percent(dropped)} of the rows dropped, over {Percent(maxDropped)}");
        }

        return Result(problems, $"{rows} row(s) of {sourceRows}");
    }

    private static (bool, string) Result(IEnumerable<string> problems, string ok)
    {
        var list = problems.ToList();
        return list.Count == 0 ? (true, ok) : (false, string.Join("; ", list));
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
