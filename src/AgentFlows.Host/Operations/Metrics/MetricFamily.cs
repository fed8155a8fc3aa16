namespace AgentFlows.Host.Operations.Metrics;

/// <summary>One metric family as Prometheus names it: the samples of one name (histograms: their buckets, sum and count).</summary>
/// <param name="Name">The family name (<c>agentflows_activity_duration_seconds</c>).</param>
/// <param name="Type">counter, gauge or histogram.</param>
/// <param name="Help">The description.</param>
/// <param name="Samples">The samples.</param>
internal sealed record MetricFamily(string Name, string Type, string Help, IReadOnlyList<MetricSample> Samples);

/// <summary>One sample line.</summary>
/// <param name="Name">The sample name (the family name, or with <c>_bucket</c>, <c>_sum</c>, <c>_count</c>).</param>
/// <param name="Labels">The labels, in order.</param>
/// <param name="Value">The value.</param>
internal sealed record MetricSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
