using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>
/// The <c>data.lifecycle</c> tool ("clean data … until clean"): cleans in rounds until the checks pass or
/// <c>maxRounds</c> (default 3) run out. Checks: <c>noNulls</c> (no missing values), <c>noDuplicates</c> (no
/// duplicate rows), <c>typesConsistent</c> (no value of another type than its column's); all three by default.
/// </summary>
public sealed class DataLifecycleActivity : DataActivity
{
    private static readonly string[] _allChecks = ["noNulls", "noDuplicates", "typesConsistent"];

    /// <summary>Initializes a new instance of the <see cref="DataLifecycleActivity"/> class.</summary>
    /// <param name="options">The data folder and limits; without a folder the cleaned CSV is only returned inline.</param>
    public DataLifecycleActivity(DataOptions? options)
        : base(ToolNames.DataLifecycle, options)
    {
    }

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var args = invocation.Args;
        var maxRounds = args["maxRounds"] is { } max ? (int)Json.JsonNumber.Get(max) : 3;
        var checks = (args["checks"] as JsonArray)?.Select(c => c!.GetValue<string>()).Distinct().ToArray() ?? _allChecks;
        var (table, path) = await DataSource.LoadAsync(args, Folder, cancellationToken).ConfigureAwait(false);
        var rounds = new JsonArray();
        var passed = false;
        for (var round = 1; round <= maxRounds && !passed; round++)
        {
            var (cleaned, report) = new DataCleaner(Folder.Options).Clean(table);
            var profile = DataProfiler.Profile(cleaned);
            var results = checks.ToDictionary(c => c, c => Check(c, profile));
            passed = results.Values.All(ok => ok);
            rounds.Add(new JsonObject
            {
                ["round"] = round,
                ["actions"] = report.ToJson()["counts"]!.DeepClone(),
                ["checks"] = new JsonObject(results.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
                ["profile"] = profile.ToJson(),
            });
            table = cleaned;
        }

        var csv = table.ToCsv();
        return new JsonObject
        {
            ["path"] = await WriteCleanedAsync(path, args["csv"]?.GetValue<string>(), csv, cancellationToken).ConfigureAwait(false),
            ["rounds"] = rounds,
            ["passed"] = passed,
            ["csv"] = csv.Length <= Folder.Options.MaxInlineOutputChars ? csv : null,
        };
    }

    private static bool Check(string check, TableProfile profile) => check switch
    {
        "noNulls" => profile.Columns.All(c => c.Nulls == 0),
        "noDuplicates" => profile.DuplicateRows == 0,
        "typesConsistent" => profile.Columns.All(c => c.Invalid == 0),
        _ => throw new NonRetriableException($"'{check}' is not a check; use noNulls, noDuplicates or typesConsistent."),
    };
}
