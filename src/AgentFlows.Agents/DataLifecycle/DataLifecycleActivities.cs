using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Data;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.DataLifecycle;

/// <summary>
/// The work of each lifecycle step after loading; each method is one activity (see <see cref="DataLifecycleRegistration"/>).
/// Datasets travel between steps as files in the work folder, so history holds paths and reports, never the data.
/// </summary>
/// <param name="options">The data folder and limits.</param>
/// <param name="chat">The chat client the plan step asks, or null for rules only.</param>
/// <param name="time">The clock of the test-only apply delay.</param>
public sealed class DataLifecycleActivities(DataOptions options, IChatClient? chat, TimeProvider time)
{
    private readonly DataFolder _folder = new(options);

    /// <summary>Profiles a dataset, with the number of rows that repeat the key columns.</summary>
    /// <param name="request">The dataset and arguments.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile.</returns>
    public async Task<JsonObject> ProfileAsync(ProfileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = await ReadAsync(request.Path, cancellationToken).ConfigureAwait(false);
        var profile = DataProfiler.Profile(table).ToJson();
        profile["duplicateKeys"] = QualityChecks.DuplicateKeys(table, QualityChecks.From(request.Args).KeyColumns);
        return profile;
    }

    /// <summary>Plans a round.</summary>
    /// <param name="request">The round, profile and arguments.</param>
    /// <param name="cancellationToken">Cancels the LLM call.</param>
    /// <returns>The plan.</returns>
    public Task<CleaningPlan> PlanAsync(PlanRequest request, CancellationToken cancellationToken) =>
        new CleaningPlanner(chat).PlanAsync(request, cancellationToken);

    /// <summary>Applies built-in operations and writes the result; the same input always writes the same file.</summary>
    /// <param name="request">The input, operations and output.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What changed.</returns>
    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.LifecycleApplyDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.LifecycleApplyDelay, time, cancellationToken).ConfigureAwait(false);
        }

        var table = request.InputCsv is { } csv ? CsvTable.Parse(csv, options, header: true) : await ReadAsync(request.InputPath, cancellationToken).ConfigureAwait(false);
        var (result, actions, flagged) = CleaningOperations.Apply(table, request.Operations, options);
        await File.WriteAllTextAsync(_folder.Resolve(request.OutputPath), result.ToCsv(), cancellationToken).ConfigureAwait(false);
        return new ApplyResult(request.OutputPath, table.Rows.Count, result.Rows.Count, actions, flagged);
    }

    /// <summary>Runs the checks on a round's dataset.</summary>
    /// <param name="request">The dataset and settings.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checks.</returns>
    public async Task<ValidationResult> ValidateAsync(ValidateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = await ReadAsync(request.Path, cancellationToken).ConfigureAwait(false);
        var profile = DataProfiler.Profile(table);
        var results = QualityChecks.From(request.Args).Evaluate(table, profile, request.SourceRows, request.Flagged);
        return new ValidationResult(
            results.Values.All(r => r.Passed),
            results.ToDictionary(r => r.Key, r => r.Value.Passed, StringComparer.Ordinal),
            results.ToDictionary(r => r.Key, r => r.Value.Detail, StringComparer.Ordinal),
            profile.ToJson());
    }

    /// <summary>Publishes the cleaned file and writes the report of every round beside the rounds' datasets.</summary>
    /// <param name="request">The final dataset and the rounds.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The step's output: path, report, rounds, passed, and the CSV itself when small.</returns>
    public async Task<JsonObject> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var csv = await File.ReadAllTextAsync(_folder.ResolveExisting(request.FinalPath), cancellationToken).ConfigureAwait(false);
        var cleaned = _folder.Resolve(request.Dataset.CleanedPath);
        await File.WriteAllTextAsync(cleaned, csv, cancellationToken).ConfigureAwait(false);
        var report = request.Dataset.WorkFolder + "/report.json";
        var output = new JsonObject
        {
            ["path"] = _folder.Relative(cleaned),
            ["source"] = request.Dataset.Source,
            ["report"] = report,
            ["workFolder"] = request.Dataset.WorkFolder,
            ["passed"] = request.Passed,
            ["rounds"] = request.Rounds.DeepClone(),
        };
        await File.WriteAllTextAsync(_folder.Resolve(report), output.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        output["csv"] = csv.Length <= options.MaxInlineOutputChars ? csv : null;
        return output;
    }

    // Work files are written by the lifecycle itself: comma-separated, with a header.
    private async Task<CsvTable> ReadAsync(string path, CancellationToken cancellationToken) =>
        CsvTable.Parse(await File.ReadAllTextAsync(_folder.ResolveExisting(path), cancellationToken).ConfigureAwait(false), options, header: true, delimiter: ',');
}
