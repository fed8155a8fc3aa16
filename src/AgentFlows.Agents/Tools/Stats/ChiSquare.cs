namespace AgentFlows.Agents.Tools.Stats;

/// <summary>Pearson's chi-square tests, without continuity correction (R's <c>chisq.test(..., correct = FALSE)</c>).</summary>
public static class ChiSquare
{
    /// <summary>Goodness of fit of counts to expected proportions.</summary>
    /// <param name="observed">The counts (non-negative, at least two categories).</param>
    /// <param name="expected">Expected probabilities or counts, rescaled to the observed total; uniform when null.</param>
    /// <returns>X², df = k - 1 and p.</returns>
    public static ChiSquareResult GoodnessOfFit(IReadOnlyList<double> observed, IReadOnlyList<double>? expected = null)
    {
        CheckCounts(observed, "observed");
        if (observed.Count < 2)
        {
            throw new StatisticsException("A goodness-of-fit test needs at least two categories.");
        }

        var weights = expected ?? Enumerable.Repeat(1.0, observed.Count).ToArray();
        if (weights.Count != observed.Count)
        {
            throw new StatisticsException($"observed has {observed.Count} categories and expected has {weights.Count}.");
        }

        if (weights.Any(w => !double.IsFinite(w) || w <= 0))
        {
            throw new StatisticsException("Every expected value must be a positive number.");
        }

        var total = observed.Sum();
        var weightSum = weights.Sum();
        var statistic = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var e = total * weights[i] / weightSum;
            statistic += (observed[i] - e) * (observed[i] - e) / e;
        }

        var df = observed.Count - 1;
        return new ChiSquareResult("goodness-of-fit", statistic, df, Distributions.ChiSquareUpper(statistic, df));
    }

    /// <summary>Independence of the rows and columns of a contingency table.</summary>
    /// <param name="table">The counts, at least 2 × 2, every row and column with a positive total.</param>
    /// <returns>X², df = (r - 1)(c - 1) and p.</returns>
    public static ChiSquareResult Independence(IReadOnlyList<IReadOnlyList<double>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Count < 2 || table[0].Count < 2 || table.Any(row => row.Count != table[0].Count))
        {
            throw new StatisticsException("A contingency table needs at least 2 rows and 2 columns, all rows of the same length.");
        }

        foreach (var row in table)
        {
            CheckCounts(row, "observed");
        }

        var rows = table.Select(r => r.Sum()).ToArray();
        var columns = Enumerable.Range(0, table[0].Count).Select(c => table.Sum(r => r[c])).ToArray();
        if (rows.Any(s => s == 0) || columns.Any(s => s == 0))
        {
            throw new StatisticsException("Every row and column of the table needs a positive total.");
        }

        var total = rows.Sum();
        var statistic = 0.0;
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var e = rows[r] * columns[c] / total;
                statistic += (table[r][c] - e) * (table[r][c] - e) / e;
            }
        }

        var df = (rows.Length - 1) * (columns.Length - 1);
        return new ChiSquareResult("independence", statistic, df, Distributions.ChiSquareUpper(statistic, df));
    }

    private static void CheckCounts(IReadOnlyList<double> counts, string name)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Any(c => !double.IsFinite(c) || c < 0))
        {
            throw new StatisticsException($"{name} counts must be non-negative numbers.");
        }

        if (counts.Sum() == 0)
        {
            throw new StatisticsException($"{name} counts are all zero.");
        }
    }
}
