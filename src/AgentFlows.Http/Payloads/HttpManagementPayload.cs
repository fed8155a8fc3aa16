using System.Text.Json.Serialization;

namespace AgentFlows.Http.Payloads;

/// <summary>
/// The management URIs of one instance, as Durable Functions' <c>CreateHttpManagementPayload</c> returns them (all
/// nine, in its order); the body of every 202 "check status" response.
/// </summary>
public sealed record HttpManagementPayload
{
    /// <summary>Gets the instance id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Gets the status URI (GET).</summary>
    [JsonPropertyName("statusQueryGetUri")]
    public required string StatusQueryGetUri { get; init; }

    /// <summary>Gets the raise-event URI template (POST), with a literal <c>{eventName}</c> placeholder.</summary>
    [JsonPropertyName("sendEventPostUri")]
    public required string SendEventPostUri { get; init; }

    /// <summary>Gets the terminate URI template (POST), with a literal <c>{text}</c> reason placeholder.</summary>
    [JsonPropertyName("terminatePostUri")]
    public required string TerminatePostUri { get; init; }

    /// <summary>Gets the rewind URI template (POST), with a literal <c>{text}</c> reason placeholder.</summary>
    [JsonPropertyName("rewindPostUri")]
    public required string RewindPostUri { get; init; }

    /// <summary>Gets the purge URI (DELETE).</summary>
    [JsonPropertyName("purgeHistoryDeleteUri")]
    public required string PurgeHistoryDeleteUri { get; init; }

    /// <summary>Gets the restart URI (POST).</summary>
    [JsonPropertyName("restartPostUri")]
    public required string RestartPostUri { get; init; }

    /// <summary>Gets the suspend URI template (POST), with a literal <c>{text}</c> reason placeholder.</summary>
    [JsonPropertyName("suspendPostUri")]
    public required string SuspendPostUri { get; init; }

    /// <summary>Gets the resume URI template (POST), with a literal <c>{text}</c> reason placeholder.</summary>
    [JsonPropertyName("resumePostUri")]
    public required string ResumePostUri { get; init; }
}
