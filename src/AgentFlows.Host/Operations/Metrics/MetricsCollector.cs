using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AgentFlows.Host.Operations.Metrics;

/// <summary>
/// Listens to every <c>AgentFlows.*</c> meter (the runtime's, this host's, and any a library of the service adds) and
/// aggregates their measurements in memory, for <c>GET /metrics</c>. Other hosts in the same process (tests) have
/// meters of the host's name too; only this host's is read. Memory is bounded by the tag sets (activity names,
/// statuses, routes), never by traffic.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    /// <summary>The quantiles estimated from each histogram series.</summary>
    public static readonly double[] Quantiles = [0.5, 0.95, 0.99];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();

    /// <summary>Initializes a new instance of the <see cref="MetricsCollector"/> class.</summary>
    /// <param name="host">This host's instruments (its meter is told apart from other hosts' in the same process).</param>
    public MetricsCollector(HostMetrics host)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var meter = instrument.Meter;
            if (meter == host.Meter || (meter.Name.StartsWith("AgentFlows.", StringComparison.Ordinal) && meter.Name != HostMetrics.Name))
            {
                listener.EnableMeasurementEvents(instrument, _instruments.GetOrAdd(instrument, i => new InstrumentSeries(i)));
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and returns every family, sorted by name.</summary>
    /// <returns>The families.</returns>
    public IReadOnlyList<MetricFamily> Collect()
    {
        _listener.RecordObservableInstruments();
        return [.. _instruments.Values.SelectMany(Families).OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();

    private static IEnumerable<MetricFamily> Families(InstrumentSeries data)
    {
        var instrument = data.Instrument;
        var unit = instrument.Unit == "s" ? "_seconds" : string.Empty;
        var name = PrometheusText.MetricName(instrument.Name) + unit;
        var help = instrument.Description ?? instrument.Name;
        var series = data.All.OrderBy(s => string.Join(',', s.Labels.Select(l => l.Value)), StringComparer.Ordinal).ToList();
        if (data.Bounds.Length > 0)
        {
            yield return new MetricFamily(name, "histogram", help, [.. series.SelectMany(s => HistogramSamples(name, data.Bounds, s))]);
            yield return new MetricFamily(
                name + "_quantile", "gauge", "Estimated quantiles of " + name + ", from its buckets.", [.. series.SelectMany(s => QuantileSamples(name + "_quantile", data.Bounds, s))]);
            yield break;
        }

        var counter = instrument is Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double>;
        var sampleName = counter ? name + "_total" : name;
        yield return new MetricFamily(sampleName, counter ? "counter" : "gauge", help, [.. series.Select(s => new MetricSample(sampleName, s.Labels, Read(s)))]);
    }

    private static IEnumerable<MetricSample> HistogramSamples(string name, double[] bounds, InstrumentSeries.Series series)
    {
        long[] buckets;
        double sum;
        long count;
        lock (series)
        {
            buckets = [.. series.Buckets];
            sum = series.Value;
            count = series.Count;
        }

        long cumulative = 0;
        for (var i = 0; i <= bounds.Length; i++)
        {
            cumulative += buckets[i];
            var le = i < bounds.Length ? PrometheusText.Number(bounds[i]) : "+Inf";
            yield return new MetricSample(name + "_bucket", [.. series.Labels, new("le", le)], cumulative);
        }

        yield return new MetricSample(name + "_sum", series.Labels, sum);
        yield return new MetricSample(name + "_count", series.Labels, count);
    }

    private static IEnumerable<MetricSample> QuantileSamples(string name, double[] bounds, InstrumentSeries.Series series)
    {
        long[] buckets;
        lock (series)
        {
            buckets = [.. series.Buckets];
        }

        foreach (var q in Quantiles)
        {
            yield return new MetricSample(name, [.. series.Labels, new("quantile", PrometheusText.Number(q))], Quantile(q, bounds, buckets));
        }
    }

    /// <summary>Estimates a quantile from bucket counts, interpolating linearly inside the bucket (as <c>histogram_quantile</c>).</summary>
    /// <param name="q">The quantile, 0 to 1.</param>
    /// <param name="bounds">The bucket upper bounds.</param>
    /// <param name="buckets">The count per bucket (not cumulative), the last being +Inf.</param>
    /// <returns>The estimate; NaN with no measurement; the highest bound when it falls in the +Inf bucket.</returns>
    internal static double Quantile(double q, double[] bounds, long[] buckets)
    {
        var total = buckets.Sum();
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = q * total;
        long below = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (below + buckets[i] >= rank && buckets[i] > 0)
            {
                if (i == bounds.Length)
                {
                    return bounds[^1];
                }

                var lower = i == 0 ? 0 : bounds[i - 1];
                return lower + ((bounds[i] - lower) * (rank - below) / buckets[i]);
            }

            below += buckets[i];
        }

        return bounds[^1];
    }

    private static double Read(InstrumentSeries.Series series)
    {
        lock (series)
        {
            return series.Value;
        }
    }
}
