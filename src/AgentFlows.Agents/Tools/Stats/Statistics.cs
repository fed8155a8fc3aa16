namespace AgentFlows.Agents.Tools.Stats;

/// <summary>Descriptive statistics, Welch's t-test and Pearson correlation.</summary>
public static class Statistics
{
    /// <summary>Describes a sample.</summary>
    /// <param name="values">The values (finite).</param>
    /// <returns>Count, mean, sd, min, quartiles and max.</returns>
    public static DescriptiveStatistics Describe(IReadOnlyList<double> values)
    {
        var sorted = Checked(values, 1, "describe").Order().ToArray();
        var sd = sorted.Length > 1 ? Math.Sqrt(Variance(sorted)) : double.NaN;
        return new DescriptiveStatistics(
            sorted.Length, sorted.Average(), sd, sorted[0], Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75), sorted[^1]);
    }

    /// <summary>The p-quantile of sorted values by linear interpolation between order statistics (R's default, type 7).</summary>
    /// <param name="sorted">The values, ascending.</param>
    /// <param name="p">The probability, in [0, 1].</param>
    /// <returns>The quantile.</returns>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var low = (int)Math.Floor(h);
        return low + 1 < sorted.Count ? sorted[low] + ((h - low) * (sorted[low + 1] - sorted[low])) : sorted[low];
    }

    /// <summary>Welch's two-sample t-test (unequal variances), two-sided.</summary>
    /// <param name="x">The first sample, at least 2 values.</param>
    /// <param name="y">The second sample, at least 2 values.</param>
    /// <returns>t, df and p.</returns>
    public static TTestResult WelchTTest(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var a = Checked(x, 2, "x");
        var b = Checked(y, 2, "y");
        var vx = Variance(a) / a.Count;
        var vy = Variance(b) / b.Count;
        if (vx + vy == 0)
        {
            throw new StatisticsException("Both samples are constant, so the t statistic is undefined.");
        }

        var t = (a.Average() - b.Average()) / Math.Sqrt(vx + vy);
        var df = ((vx + vy) * (vx + vy)) / ((vx * vx / (a.Count - 1)) + (vy * vy / (b.Count - 1)));
        return new TTestResult(t, df, Distributions.StudentTTwoSided(t, df), a.Average(), b.Average());
    }

    /// <summary>Pearson's product-moment correlation with the t-test of r = 0.</summary>
    /// <param name="x">The first variable, at least 3 values.</param>
    /// <param name="y">The second variable, paired with <paramref name="x"/>.</param>
    /// <returns>r, t, df and the two-sided p.</returns>
    public static CorrelationResult Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var a = Checked(x, 3, "x");
        var b = Checked(y, 3, "y");
        if (a.Count != b.Count)
        {
            throw new StatisticsException($"x has {a.Count} values and y has {b.Count}; a correlation needs pairs.");
        }

        double mx = a.Average(), my = b.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < a.Count; i++)
        {
            sxy += (a[i] - mx) * (b[i] - my);
            sxx += (a[i] - mx) * (a[i] - mx);
            syy += (b[i] - my) * (b[i] - my);
        }

        if (sxx == 0 || syy == 0)
        {
            throw new StatisticsException($"{(sxx == 0 ? "x" : "y")} is constant, so the correlation is undefined.");
        }

        var r = Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
        var df = a.Count - 2;
        var t = Math.Abs(r) == 1 ? Math.CopySign(double.PositiveInfinity, r) : r * Math.Sqrt(df / (1 - (r * r)));
        return new CorrelationResult(r, t, df, Distributions.StudentTTwoSided(t, df), a.Count);
    }

    /// <summary>The sample variance (n - 1), by two passes for accuracy.</summary>
    /// <param name="values">At least two values.</param>
    /// <returns>The variance.</returns>
    public static double Variance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    private static IReadOnlyList<double> Checked(IReadOnlyList<double> values, int minimum, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < minimum)
        {
            throw new StatisticsException($"{name} needs at least {minimum} value{(minimum == 1 ? "" : "s")}, not {values.Count}.");
        }

        return values.Any(v => !double.IsFinite(v)) ? throw new StatisticsException($"{name} holds a value that is not a finite number.") : values;
    }
}
