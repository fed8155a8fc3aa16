using System.Text.Json.Serialization;

namespace AgentFlows.Http.Payloads;

/// <summary>The body of a successful purge: <c>{"instancesDeleted":N}</c>.</summary>
/// <param name="InstancesDeleted">How many instances were removed.</param>
public sealed record PurgeHistoryResult([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);
