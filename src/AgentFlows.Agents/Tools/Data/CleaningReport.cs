using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>One change the cleaner made.</summary>
/// <param name="Row">The 1-based data row of the input (null for header or column changes).</param>
/// <param name="Column">The column name (null for whole-row changes).</param>
/// <param name="Action">What was done: header-renamed, row-padded, trimmed, missing-marked, coerced, invalid-removed,
/// empty-row-removed, duplicate-removed, outlier-flagged, imputed-median, imputed-mode, not-imputed.</param>
/// <param name="Before">The value before.</param>
/// <param name="After">The value after (or a note).</param>
public sealed record CleaningChange(int? Row, string? Column, string Action, string? Before, string? After)
{
    /// <summary>Gets the JSON form.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new() { ["row"] = Row, ["column"] = Column, ["action"] = Action, ["before"] = Before, ["after"] = After };
}

/// <summary>Every change the cleaner made: all of them counted, the first ones listed.</summary>
public sealed class CleaningReport
{
    private readonly int _maxListed;
    private readonly List<CleaningChange> _changes = [];
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="CleaningReport"/> class.</summary>
    /// <param name="maxListed">How many changes are listed one by one.</param>
    public CleaningReport(int maxListed) => _maxListed = maxListed;

    /// <summary>Gets the listed changes, in the order they were made.</summary>
    public IReadOnlyList<CleaningChange> Changes => _changes;

    /// <summary>Gets the number of changes per action.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>Gets the number of changes in all.</summary>
    public int Total { get; private set; }

    /// <summary>Records a change.</summary>
    /// <param name="change">The change.</param>
    public void Add(CleaningChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Total++;
        _counts[change.Action] = _counts.GetValueOrDefault(change.Action) + 1;
        if (_changes.Count < _maxListed)
        {
            _changes.Add(change);
        }
    }

    /// <summary>Gets the JSON form.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new()
    {
        ["total"] = Total,
        ["counts"] = new JsonObject(_counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        ["changes"] = new JsonArray(_changes.Select(c => (JsonNode?)c.ToJson()).ToArray()),
        ["unlisted"] = Total - _changes.Count,
    };
}
