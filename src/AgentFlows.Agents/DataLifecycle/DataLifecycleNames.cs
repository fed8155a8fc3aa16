namespace AgentFlows.Agents.DataLifecycle;

/// <summary>The names the data-cleaning lifecycle uses in history, and where it keeps its work.</summary>
public static class DataLifecycleNames
{
    /// <summary>The orchestration.</summary>
    public const string Orchestrator = "DataCleaningLifecycle";

    /// <summary>Reads the source (checking the arguments) and writes it as round 0.</summary>
    public const string Load = "data.lifecycle.load";

    /// <summary>Profiles the current dataset.</summary>
    public const string Profile = "data.lifecycle.profile";

    /// <summary>Derives the round's cleaning plan (rules, and the LLM when configured).</summary>
    public const string Plan = "data.lifecycle.plan";

    /// <summary>Applies built-in operations and writes the round's dataset.</summary>
    public const string Apply = "data.lifecycle.apply";

    /// <summary>Checks the round's dataset.</summary>
    public const string Validate = "data.lifecycle.validate";

    /// <summary>Writes the cleaned file and the report.</summary>
    public const string Publish = "data.lifecycle.publish";

    /// <summary>The child instance id of a run's lifecycle step: the same on every replay and every host.</summary>
    /// <param name="runId">The run (parent instance) id.</param>
    /// <param name="stepId">The step id.</param>
    /// <returns>The child id.</returns>
    public static string ChildInstanceId(string runId, string stepId) => $"{runId}:{stepId}";

    /// <summary>The folder of a run's work under the data folder: <c>runs/&lt;runId&gt;</c>, with unsafe characters replaced.</summary>
    /// <param name="runId">The run id.</param>
    /// <returns>The path relative to the data folder.</returns>
    public static string RunFolder(string runId) => "runs/" + Safe(runId);

    /// <summary>The folder of one step's work: <c>runs/&lt;runId&gt;/&lt;stepId&gt;</c>.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="stepId">The step id.</param>
    /// <returns>The path relative to the data folder.</returns>
    public static string WorkFolder(string runId, string stepId) => RunFolder(runId) + "/" + Safe(stepId);

    // Ids may hold any character but '/', '\', '#' and '?'; a folder name must not climb out or hide.
    private static string Safe(string id)
    {
        var safe = string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return safe.Length == 0 ? "_" : safe;
    }
}
