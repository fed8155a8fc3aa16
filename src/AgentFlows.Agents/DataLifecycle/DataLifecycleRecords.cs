using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFlows.Agents.DataLifecycle;

/// <summary>The input of the lifecycle: the <c>data.lifecycle</c> arguments and who the step is for.</summary>
/// <remarks>The names match <see cref="Tools.ToolInvocation"/>, so the run projection reads the child's step like an activity's.</remarks>
public sealed record DataLifecycleRequest
{
    /// <summary>Gets the resolved arguments.</summary>
    [JsonPropertyName("args")]
    public JsonObject Args { get; init; } = [];

    /// <summary>Gets the tenant.</summary>
    [JsonPropertyName("tenant")]
    public string Tenant { get; init; } = "default";

    /// <summary>Gets the run id (the orchestration's own id when started directly).</summary>
    [JsonPropertyName("runId")]
    public string? RunId { get; init; }

    /// <summary>Gets the step id (<c>lifecycle</c> when started directly).</summary>
    [JsonPropertyName("stepId")]
    public string? StepId { get; init; }

    /// <summary>Gets the version of <c>data.lifecycle</c> the run asked for (as a tool call records it), or null outside a run.</summary>
    [JsonPropertyName("toolVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolVersion { get; init; }

    /// <summary>Gets the attempts of each activity (the run's per-step retry setting; default 3).</summary>
    [JsonPropertyName("maxAttempts")]
    public int? MaxAttempts { get; init; }
}

/// <summary>The source read into round 0.</summary>
/// <param name="Source">The source path relative to the data folder, or null for inline CSV.</param>
/// <param name="CleanedPath">Where the cleaned file is published, relative to the data folder.</param>
/// <param name="WorkFolder">The step's work folder, relative to the data folder.</param>
/// <param name="Path">round-0.csv.</param>
/// <param name="Rows">Its data rows.</param>
public sealed record LoadedDataset(string? Source, string CleanedPath, string WorkFolder, string Path, int Rows);

/// <summary>What the profile step reads.</summary>
/// <param name="Path">The dataset, relative to the data folder.</param>
/// <param name="Args">The lifecycle arguments (for the key columns).</param>
public sealed record ProfileRequest(string Path, JsonObject Args);

/// <summary>What the plan step needs.</summary>
/// <param name="Round">The round, from 1.</param>
/// <param name="Profile">The profile of the round's input.</param>
/// <param name="Args">The lifecycle arguments (checks and their settings, caller operations).</param>
/// <param name="FailedChecks">The checks the previous round failed, with why.</param>
/// <param name="Tenant">The tenant, for LLM accounting.</param>
/// <param name="RunId">The run, for LLM accounting.</param>
public sealed record PlanRequest(int Round, JsonObject Profile, JsonObject Args, IReadOnlyDictionary<string, string>? FailedChecks, string Tenant, string? RunId);

/// <summary>One cleaning operation of the fixed vocabulary (see <see cref="CleaningOperations"/>).</summary>
/// <param name="Kind">clean, dropDuplicateKeys, dropColumn, dropRowsMissing, renameColumn or python.</param>
/// <param name="Column">The column, for column operations.</param>
/// <param name="To">The new name, for renameColumn.</param>
/// <param name="Keys">The key columns, for dropDuplicateKeys.</param>
/// <param name="Code">The pandas code, for python (it changes <c>df</c>).</param>
/// <param name="Source">Who asked for it: rules, llm or args.</param>
/// <param name="Reason">Why.</param>
public sealed record CleaningOperation(
    string Kind, string? Column = null, string? To = null, IReadOnlyList<string>? Keys = null, string? Code = null, string Source = "rules", string? Reason = null);

/// <summary>A round's plan.</summary>
/// <param name="Operations">The operations, in order.</param>
/// <param name="Planner">rules, or rules+llm when the LLM's operations were accepted.</param>
/// <param name="Note">Why the LLM was not used or was overruled, or null.</param>
public sealed record CleaningPlan(IReadOnlyList<CleaningOperation> Operations, string Planner, string? Note);

/// <summary>Applies built-in operations to a dataset and writes the result.</summary>
/// <param name="InputPath">The dataset read, relative to the data folder (ignored when <paramref name="InputCsv"/> is set).</param>
/// <param name="InputCsv">CSV text to start from instead (a python operation's output), or null.</param>
/// <param name="Operations">The built-in operations.</param>
/// <param name="OutputPath">The file written, relative to the data folder.</param>
public sealed record ApplyRequest(string InputPath, string? InputCsv, IReadOnlyList<CleaningOperation> Operations, string OutputPath);

/// <summary>What an apply step did.</summary>
/// <param name="Path">The file written.</param>
/// <param name="RowsIn">Rows read.</param>
/// <param name="RowsOut">Rows written.</param>
/// <param name="Actions">One entry per operation: its kind, source and what changed.</param>
/// <param name="Flagged">Outliers flagged, per column.</param>
public sealed record ApplyResult(string Path, int RowsIn, int RowsOut, JsonArray Actions, IReadOnlyDictionary<string, int> Flagged);

/// <summary>What the validate step checks.</summary>
/// <param name="Path">The round's dataset.</param>
/// <param name="Args">The lifecycle arguments (which checks, and their settings).</param>
/// <param name="SourceRows">The rows of the source, for the dropped-rows bound.</param>
/// <param name="Flagged">Outliers flagged this round, per column.</param>
public sealed record ValidateRequest(string Path, JsonObject Args, int SourceRows, IReadOnlyDictionary<string, int> Flagged);

/// <summary>The checks of one round.</summary>
/// <param name="Passed">Whether every check passed.</param>
/// <param name="Checks">Each check's result.</param>
/// <param name="Details">Each check's reason.</param>
/// <param name="Profile">The profile of the round's dataset.</param>
public sealed record ValidationResult(bool Passed, IReadOnlyDictionary<string, bool> Checks, IReadOnlyDictionary<string, string> Details, JsonObject Profile);

/// <summary>What the publish step writes.</summary>
/// <param name="Dataset">The source and work folder.</param>
/// <param name="FinalPath">The last round's dataset.</param>
/// <param name="Rounds">Every round's record.</param>
/// <param name="Passed">Whether the last round passed its checks.</param>
public sealed record PublishRequest(LoadedDataset Dataset, string FinalPath, JsonArray Rounds, bool Passed);

/// <summary>The custom status of the lifecycle while it runs.</summary>
/// <param name="Round">The round.</param>
/// <param name="Stage">profile, plan, apply, python, validate or publish.</param>
public sealed record DataLifecycleStatus(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("stage")] string Stage);
