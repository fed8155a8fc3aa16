using System.Text.Json.Serialization;
using AgentFlows.Http.Payloads;

namespace AgentFlows.Host.Runs;

/// <summary>
/// The body of <c>POST /api/runs</c> (202, or 200 for a run that already existed): the run id, its status, the run
/// API's links and, flattened beside them, the nine Durable Functions management URIs of the instance.
/// </summary>
internal sealed record RunAccepted
{
    /// <summary>Gets the run id.</summary>
    [JsonPropertyName("runId")] public required string RunId { get; init; }

    /// <summary>Gets the run's status.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>Gets the run API's links.</summary>
    [JsonPropertyName("links")] public required RunLinks Links { get; init; }

    /// <summary>Gets the instance id (the run id), as in the management payload.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>Gets the status URI of the management API.</summary>
    [JsonPropertyName("statusQueryGetUri")] public required string StatusQueryGetUri { get; init; }

    /// <summary>Gets the raise-event URI template.</summary>
    [JsonPropertyName("sendEventPostUri")] public required string SendEventPostUri { get; init; }

    /// <summary>Gets the terminate URI template.</summary>
    [JsonPropertyName("terminatePostUri")] public required string TerminatePostUri { get; init; }

    /// <summary>Gets the rewind URI template.</summary>
    [JsonPropertyName("rewindPostUri")] public required string RewindPostUri { get; init; }

    /// <summary>Gets the purge URI.</summary>
    [JsonPropertyName("purgeHistoryDeleteUri")] public required string PurgeHistoryDeleteUri { get; init; }

    /// <summary>Gets the restart URI.</summary>
    [JsonPropertyName("restartPostUri")] public required string RestartPostUri { get; init; }

    /// <summary>Gets the suspend URI template.</summary>
    [JsonPropertyName("suspendPostUri")] public required string SuspendPostUri { get; init; }

    /// <summary>Gets the resume URI template.</summary>
    [JsonPropertyName("resumePostUri")] public required string ResumePostUri { get; init; }

    /// <summary>Builds the body.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="status">The run's status.</param>
    /// <param name="uris">The management URIs of the instance.</param>
    /// <returns>The body.</returns>
    public static RunAccepted Create(string runId, string status, HttpManagementPayload uris) => new()
    {
        RunId = runId,
        Status = status,
        Links = RunLinks.For(runId),
        Id = uris.Id,
        StatusQueryGetUri = uris.StatusQueryGetUri,
        SendEventPostUri = uris.SendEventPostUri,
        TerminatePostUri = uris.TerminatePostUri,
        RewindPostUri = uris.RewindPostUri,
        PurgeHistoryDeleteUri = uris.PurgeHistoryDeleteUri,
        RestartPostUri = uris.RestartPostUri,
        SuspendPostUri = uris.SuspendPostUri,
        ResumePostUri = uris.ResumePostUri,
    };
}

/// <summary>The 202 body of cancel, rewind and approve: the request is durable; the run changes when a worker applies it.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Action">What was asked: cancel, rewind or approve.</param>
/// <param name="Status">The run's status when the request was accepted.</param>
/// <param name="Links">The run API's links.</param>
/// <param name="Steps">For approve: the steps the decision was sent to.</param>
internal sealed record RunActionAccepted(
    [property: JsonPropertyName("runId")] string RunId,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("links")] RunLinks Links,
    [property: JsonPropertyName("steps"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Steps = null);
