using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>A registered model version, as <c>GET /api/models</c> lists it.</summary>
/// <param name="Version">The version number.</param>
/// <param name="Model">The fine-tuned model id.</param>
/// <param name="BaseModel">The model it was tuned from.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="LifecycleInstanceId">The lifecycle instance that produced it (lineage).</param>
/// <param name="Metrics">Dataset statistics, job and evaluation scores.</param>
/// <param name="Quantization">The GGUF choice.</param>
/// <param name="Promoted">Whether it is the planner's model.</param>
public sealed record ModelVersion(
    int Version, string Model, string BaseModel, DateTimeOffset CreatedAt, string LifecycleInstanceId, JsonObject Metrics,
    QuantizationInfo Quantization, bool Promoted);

/// <summary>The quantization of a model version.</summary>
/// <param name="Type">The GGUF type, or null.</param>
/// <param name="Reason">Why.</param>
public sealed record QuantizationInfo(string? Type, string Reason);

/// <summary>The register stage's input.</summary>
/// <param name="InstanceId">The lifecycle instance.</param>
/// <param name="Model">The fine-tuned model.</param>
/// <param name="BaseModel">The base model.</param>
/// <param name="Metrics">The metrics.</param>
/// <param name="Quantization">The quantization.</param>
public sealed record RegisterRequest(string InstanceId, string Model, string BaseModel, JsonObject Metrics, QuantizationInfo Quantization);
