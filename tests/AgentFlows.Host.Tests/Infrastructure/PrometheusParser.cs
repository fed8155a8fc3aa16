using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>One parsed sample.</summary>
/// <param name="Name">The sample name.</param>
/// <param name="Labels">The labels.</param>
/// <param name="Value">The value.</param>
internal sealed record PromSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4, to check what <c>/metrics</c> writes: names and
/// label names valid, label values properly escaped, values numbers, every sample after its family's TYPE and named
/// as that type allows, one TYPE per family, histogram buckets cumulative with the +Inf bucket equal to the count.
/// Throws <see cref="FormatException"/> naming the line at the first fault.
/// </summary>
internal static partial class PrometheusParser
{
    public static (IReadOnlyDictionary<string, string> Types, IReadOnlyList<PromSample> Samples) Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition does not end with a line feed.");
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<PromSample>();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                if (parts.Length != 4 || !MetricName().IsMatch(parts[2]) || parts[3] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                {
                    throw new FormatException($"Line {n + 1}: bad TYPE line '{line}'.");
                }

                if (!types.TryAdd(parts[2], parts[3]))
                {
                    throw new FormatException($"Line {n + 1}: a second TYPE for '{parts[2]}'.");
                }
            }
            else if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }
            else
            {
                var sample = ParseSample(line, n + 1);
                if (FamilyOf(sample.Name, types) is null)
                {
                    throw new FormatException($"Line {n + 1}: sample '{sample.Name}' comes before any TYPE of its family.");
                }

                samples.Add(sample);
            }
        }

        CheckHistograms(types, samples);
        return (types, samples);
    }

    private static PromSample ParseSample(string line, int n)
    {
        var name = MetricName().Match(line);
        if (!name.Success || name.Index != 0)
        {
            throw new FormatException($"Line {n}: no metric name in '{line}'.");
        }

        var i = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var label = LabelName().Match(line, i);
                if (!label.Success || label.Index != i || line[i + label.Length] != '=' || line[i + label.Length + 1] != '"')
                {
                    throw new FormatException($"Line {n}: bad label at column {i + 1} of '{line}'.");
                }

                i += label.Length + 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch { '\\' => '\\', '"' => '"', 'n' => '\n', _ => throw new FormatException($"Line {n}: bad escape in '{line}'.") });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                if (!labels.TryAdd(label.Value, value.ToString()))
                {
                    throw new FormatException($"Line {n}: label '{label.Value}' twice.");
                }

                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var rest = line[i..].Split(' ', StringSplitOptions.None);
        if (rest.Length is < 2 or > 3 || rest[0].Length != 0)
        {
            throw new FormatException($"Line {n}: expected ' value [timestamp]' after the labels in '{line}'.");
        }

        var number = rest[1] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var t when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            _ => throw new FormatException($"Line {n}: '{rest[1]}' is not a number."),
        };
        return new PromSample(name.Value, labels, number);
    }

    private static string? FamilyOf(string sample, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sample))
        {
            return types[sample] == "histogram" ? null : sample;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(sample[..^suffix.Length], out var type) && type is "histogram" or "summary")
            {
                return sample[..^suffix.Length];
            }
        }

        return null;
    }

    private static void CheckHistograms(Dictionary<string, string> types, List<PromSample> samples)
    {
        foreach (var family in types.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var buckets = samples.Where(s => s.Name == family + "_bucket").GroupBy(s => Key(s.Labels, "le"));
            foreach (var series in buckets)
            {
                var values = series.Select(s => s.Value).ToList();
                if (values.Zip(values.Skip(1)).Any(p => p.Second < p.First) || series.Last().Labels["le"] != "+Inf")
                {
                    throw new FormatException($"Histogram {family}{{{series.Key}}}: buckets are not cumulative or do not end with +Inf.");
                }

                var count = samples.Single(s => s.Name == family + "_count" && Key(s.Labels, null) == series.Key);
                if (count.Value != values[^1])
                {
                    throw new FormatException($"Histogram {family}{{{series.Key}}}: the +Inf bucket is not the count.");
                }
            }
        }
    }

    private static string Key(IReadOnlyDictionary<string, string> labels, string? except) =>
        string.Join(',', labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

    [GeneratedRegex("[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();
}
