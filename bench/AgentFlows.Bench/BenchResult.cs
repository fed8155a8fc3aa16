using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlows.Bench;

/// <summary>One JSON line of output; fields that do not apply are null.</summary>
internal sealed record BenchResult(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("wall_ms")] double WallMs,
    [property: JsonPropertyName("orchestrations_per_s")] double? OrchestrationsPerSecond = null,
    [property: JsonPropertyName("activities_per_s")] double? ActivitiesPerSecond = null,
    [property: JsonPropertyName("p50_ms")] double? P50Ms = null,
    [property: JsonPropertyName("p95_ms")] double? P95Ms = null,
    [property: JsonPropertyName("peak_mb")] double? PeakMb = null,
    [property: JsonPropertyName("second_half_over_first_half")] double? HalvesRatio = null)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
