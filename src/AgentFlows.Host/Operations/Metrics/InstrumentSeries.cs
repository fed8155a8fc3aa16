using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AgentFlows.Host.Operations.Metrics;

/// <summary>
/// The aggregated measurements of one instrument, per tag set: the running sum of a counter, the last value of a
/// gauge or observable counter, and for a histogram the count per explicit bucket, the sum and the count.
/// </summary>
/// <param name="instrument">The instrument.</param>
internal sealed class InstrumentSeries(Instrument instrument)
{
    private static readonly double[] _defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>Gets the instrument.</summary>
    public Instrument Instrument { get; } = instrument;

    /// <summary>Gets the histogram's bucket upper bounds (empty for other instruments).</summary>
    public double[] Bounds { get; } = instrument switch
    {
        Histogram<double> h => [.. h.Advice?.HistogramBucketBoundaries ?? _defaultBuckets],
        Histogram<long> h => [.. h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b) ?? _defaultBuckets],
        _ => [],
    };

    /// <summary>Gets a value indicating whether the instrument reports totals (observable) rather than increments.</summary>
    public bool ReportsTotals => Instrument.IsObservable;

    /// <summary>Gets the series.</summary>
    public IEnumerable<Series> All => _series.Values;

    /// <summary>Records one measurement.</summary>
    /// <param name="value">The value.</param>
    /// <param name="tags">The tags.</param>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(PrometheusText.MetricName(tags[i].Key), tags[i].Value?.ToString() ?? string.Empty);
        }

        Array.Sort(labels, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join('\u0001', labels.Select(l => l.Key + "=" + l.Value));
        var series = _series.GetOrAdd(key, _ => new Series(labels, Bounds.Length));
        lock (series)
        {
            if (Bounds.Length > 0)
            {
                var bucket = Array.FindIndex(Bounds, b => value <= b);
                series.Buckets[bucket < 0 ? Bounds.Length : bucket]++;
                series.Count++;
                series.Value += value;
            }
            else
            {
                series.Value = ReportsTotals ? value : series.Value + value;
            }
        }
    }

    /// <summary>One tag set's aggregate.</summary>
    /// <param name="labels">The labels.</param>
    /// <param name="bounds">How many bucket bounds the histogram has (0 for others).</param>
    internal sealed class Series(KeyValuePair<string, string>[] labels, int bounds)
    {
        /// <summary>Gets the labels.</summary>
        public KeyValuePair<string, string>[] Labels { get; } = labels;

        /// <summary>Gets the count per bucket (not cumulative); the last is the +Inf bucket.</summary>
        public long[] Buckets { get; } = new long[bounds == 0 ? 0 : bounds + 1];

        /// <summary>Gets or sets the sum (counters, histograms) or the last value (gauges).</summary>
        public double Value { get; set; }

        /// <summary>Gets or sets the number of histogram measurements.</summary>
        public long Count { get; set; }
    }
}
