using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentFlows.Hosting;

namespace AgentFlows.Host.Operations.Metrics;

/// <summary>
/// This host's instruments, on the meter <see cref="Name"/> (one per host, made by the host's
/// <see cref="IMeterFactory"/>): HTTP requests and their duration, the start queue sampled from the store, and the
/// worker's in-flight work.
/// </summary>
internal sealed class HostMetrics
{
    /// <summary>The name of the host's meter and activity source.</summary>
    public const string Name = "AgentFlows.Host";

    /// <summary>Gets the host's activity source (HTTP request spans).</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Initializes a new instance of the <see cref="HostMetrics"/> class.</summary>
    /// <param name="meters">The meter factory.</param>
    /// <param name="queue">The store sampler.</param>
    /// <param name="worker">The worker.</param>
    public HostMetrics(IMeterFactory meters, QueueSampler queue, DurableTaskWorker worker)
    {
        Meter = meters.Create(Name);
        Requests = Meter.CreateCounter<long>("agentflows.http.requests", "{request}", "HTTP requests served, by method, route and status code.");
        RequestDuration = Meter.CreateHistogram(
            "agentflows.http.request.duration", "s", "How long HTTP requests take, by method and route.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        Meter.CreateObservableGauge("agentflows.queue.pending", () => queue.Latest.Pending, "{instance}", "Orchestration instances waiting for their first episode (runs not yet started), sampled from the store.");
        Meter.CreateObservableGauge("agentflows.queue.oldest_age", () => queue.Latest.OldestPendingAge.TotalSeconds, "s", "Age of the oldest instance waiting for its first episode, sampled from the store.");
        Meter.CreateObservableGauge("agentflows.instances.running", () => queue.Latest.Running, "{instance}", "Orchestration instances Running, sampled from the store.");
        Meter.CreateObservableGauge("agentflows.worker.in_flight", () => worker.InFlightCount, "{item}", "Episodes and activity attempts this host is running now.");
        Meter.CreateObservableGauge("agentflows.worker.cached_sessions", () => worker.CachedSessionCount, "{session}", "Live orchestrations this host keeps in memory.");
    }

    /// <summary>Gets the host's meter.</summary>
    public Meter Meter { get; }

    /// <summary>Gets the request counter.</summary>
    public Counter<long> Requests { get; }

    /// <summary>Gets the request duration histogram.</summary>
    public Histogram<double> RequestDuration { get; }
}
