using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFlows.Agents.Runs;

/// <summary>What the run records when it re-runs a step on its own (the input of the <c>agent.retryStep</c> marker).</summary>
/// <param name="StepId">The step.</param>
/// <param name="Reason"><c>memory</c> or <c>time</c> (a limit doubled) or <c>repaired</c> (an LLM repaired the code).</param>
/// <param name="Limits">The limits of the next attempt: <c>memoryMb</c> and <c>timeoutSeconds</c>.</param>
/// <param name="Error">The failure that led to it.</param>
/// <param name="Repair">Which repair this is (1-based), for <c>repaired</c>.</param>
public sealed record StepRetryNotice(
    [property: JsonPropertyName("stepId")] string StepId,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("limits")] JsonObject Limits,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("repair")] int? Repair = null);

/// <summary>Asks for code to be repaired (the input of <c>agent.repairCode</c>).</summary>
/// <param name="StepId">The step.</param>
/// <param name="Code">The code that failed.</param>
/// <param name="Error">Its failure, with the end of stderr.</param>
/// <param name="Repair">Which repair this would be (1-based).</param>
/// <param name="Tenant">The run's tenant, for the LLM gateway's budgets and audit.</param>
public sealed record CodeRepairRequest(
    [property: JsonPropertyName("stepId")] string StepId,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("repair")] int Repair,
    [property: JsonPropertyName("tenant")] string Tenant);

/// <summary>The answer of <c>agent.repairCode</c>.</summary>
/// <param name="Outcome"><c>repaired</c>, <c>noLlm</c>, <c>limitReached</c> or <c>failed</c> (the LLM call failed).</param>
/// <param name="Code">The repaired code, for <c>repaired</c>.</param>
/// <param name="Detail">Why there is no repair, otherwise.</param>
public sealed record CodeRepairOutcome(
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("code")] string? Code = null,
    [property: JsonPropertyName("detail")] string? Detail = null);
