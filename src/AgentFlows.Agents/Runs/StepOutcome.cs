using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Runs;

/// <summary>How one step ended, as the run loop sees it (steps never throw into the loop).</summary>
internal sealed record StepOutcome(string StepId, StepOutcomeKind Kind, JsonNode? Output = null, Exception? Error = null)
{
    public static StepOutcome Completed(string id, JsonNode? output) => new(id, StepOutcomeKind.Completed, output);

    public static StepOutcome Skipped(string id) => new(id, StepOutcomeKind.Skipped);

    public static StepOutcome Failed(string id, Exception error) => new(id, StepOutcomeKind.Failed, Error: error);
}

/// <summary>The kinds of step outcome.</summary>
internal enum StepOutcomeKind
{
    Completed,
    Skipped,
    Failed,
}
