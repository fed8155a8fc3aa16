using AgentFlows.Agents.Tools.Stats;

namespace AgentFlows.Agents.Tests.Tools.Stats;

/// <summary>
/// Reference values are R 4.x outputs as printed in its documentation examples and countless textbooks:
/// <c>t.test(extra ~ group, data = sleep)</c>, the <c>?t.test</c> examples, <c>?cor.test</c> and <c>?chisq.test</c>.
/// R prints 4–5 significant digits, so each assertion allows half a unit in the last printed digit.
/// </summary>
public sealed class StatisticsTests
{
    // R's built-in sleep data set (Student 1908): extra hours of sleep under two drugs.
    private static readonly double[] _sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] _sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    private static double[] Range(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => (double)i).ToArray();

    [Fact]
    public void WelchTTest_SleepData_MatchesR()
    {
        // R: t = -1.8608, df = 17.776, p-value = 0.07939
        var result = Statistics.WelchTTest(_sleep1, _sleep2);
        Assert.Equal(-1.8608, result.T, 0.00005);
        Assert.Equal(17.776, result.Df, 0.0005);
        Assert.Equal(0.07939, result.P, 0.000005);
        Assert.Equal(0.75, result.MeanX, 1e-12);
        Assert.Equal(2.33, result.MeanY, 1e-12);
    }

    [Fact]
    public void WelchTTest_RDocumentationExample_MatchesR()
    {
        // ?t.test: t.test(1:10, y = c(7:20)) gives t = -5.4349, df = 21.982, p-value = 1.855e-05
        var result = Statistics.WelchTTest(Range(1, 10), Range(7, 20));
        Assert.Equal(-5.4349, result.T, 0.00005);
        Assert.Equal(21.982, result.Df, 0.0005);
        Assert.Equal(1.855e-05, result.P, 0.0005e-05);
    }

    [Fact]
    public void WelchTTest_RDocumentationExampleWithOutlier_MatchesR()
    {
        // ?t.test: t.test(1:10, y = c(7:20, 200)) gives p-value = 0.1245 (t = -1.6329, df = 14.165)
        var result = Statistics.WelchTTest(Range(1, 10), [.. Range(7, 20), 200]);
        Assert.Equal(-1.6329, result.T, 0.00005);
        Assert.Equal(14.165, result.Df, 0.0005);
        Assert.Equal(0.1245, result.P, 0.00005);
    }

    [Fact]
    public void Pearson_RDocumentationExample_MatchesR()
    {
        // ?cor.test (Hollander & Wolfe 1973, p. 187): t = 1.8411, df = 7, p-value = 0.1082, cor 0.5711816
        double[] x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
        double[] y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];
        var result = Statistics.Pearson(x, y);
        Assert.Equal(0.5711816, result.R, 0.00000005);
        Assert.Equal(1.8411, result.T, 0.00005);
        Assert.Equal(7, result.Df);
        Assert.Equal(0.1082, result.P, 0.00005);
    }

    [Fact]
    public void Pearson_PerfectCorrelation_HasZeroP()
    {
        var result = Statistics.Pearson([1, 2, 3, 4], [2, 4, 6, 8]);
        Assert.Equal(1, result.R);
        Assert.Equal(0, result.P);
        Assert.Null(result.ToJson()["t"]);
    }

    [Fact]
    public void ChiSquare_Independence_RDocumentationExample_MatchesR()
    {
        // ?chisq.test, Agresti (2007) p. 39, gender by party: X-squared = 30.07, df = 2, p-value = 2.954e-07
        var result = ChiSquare.Independence([[762, 327, 468], [484, 239, 477]]);
        Assert.Equal(30.07, result.Statistic, 0.005);
        Assert.Equal(2, result.Df);
        Assert.Equal(2.954e-07, result.P, 0.0005e-07);
    }

    [Fact]
    public void ChiSquare_GoodnessOfFit_RDocumentationExample_MatchesR()
    {
        // ?chisq.test: x <- c(89,37,30,28,2); p <- c(0.40,0.20,0.20,0.19,0.01): X-squared = 5.7947, df = 4, p-value = 0.215
        var result = ChiSquare.GoodnessOfFit([89, 37, 30, 28, 2], [0.40, 0.20, 0.20, 0.19, 0.01]);
        Assert.Equal(5.7947, result.Statistic, 0.00005);
        Assert.Equal(4, result.Df);
        Assert.Equal(0.215, result.P, 0.0005);
    }

    [Fact]
    public void ChiSquare_GoodnessOfFit_ExpectedCountsAreRescaled()
    {
        var fromCounts = ChiSquare.GoodnessOfFit([89, 37, 30, 28, 2], [40, 20, 20, 19, 1]);
        Assert.Equal(5.7947, fromCounts.Statistic, 0.00005);
    }

    [Fact]
    public void ChiSquare_GoodnessOfFit_UniformByDefault_HasClosedFormP()
    {
        // Counts 10, 20, 30: X² = (100 + 0 + 100) / 20 = 10 with 2 df, where the upper tail is exp(-x/2).
        var result = ChiSquare.GoodnessOfFit([10, 20, 30]);
        Assert.Equal(10, result.Statistic, 1e-12);
        Assert.Equal(Math.Exp(-5), result.P, 1e-12);
    }

    [Fact]
    public void Describe_OneToTen_MatchesRSummaryAndSd()
    {
        // R: summary(1:10) gives 1, 3.25, 5.5, 5.5, 7.75, 10; sd(1:10) = 3.02765
        var result = Statistics.Describe(Range(1, 10));
        Assert.Equal((10, 1.0, 3.25, 5.5, 5.5, 7.75, 10.0), (result.Count, result.Min, result.Q1, result.Median, result.Mean, result.Q3, result.Max));
        Assert.Equal(3.02765, result.Sd, 0.000005);
    }

    [Fact]
    public void Describe_OneValue_HasNoSd()
    {
        var result = Statistics.Describe([4]);
        Assert.True(double.IsNaN(result.Sd));
        Assert.Null(result.ToJson()["sd"]);
        Assert.Equal(4, result.Q1);
    }

    [Theory]
    [InlineData("describe")]
    [InlineData("ttest-short")]
    [InlineData("ttest-constant")]
    [InlineData("pearson-unpaired")]
    [InlineData("pearson-constant")]
    [InlineData("nan")]
    [InlineData("gof-negative")]
    [InlineData("gof-one")]
    [InlineData("gof-mismatch")]
    [InlineData("table-ragged")]
    [InlineData("table-zero-column")]
    public void Statistics_BadData_ThrowsNonRetriable(string which)
    {
        Action act = which switch
        {
            "describe" => () => Statistics.Describe([]),
            "ttest-short" => () => Statistics.WelchTTest([1], [1, 2]),
            "ttest-constant" => () => Statistics.WelchTTest([1, 1], [1, 1]),
            "pearson-unpaired" => () => Statistics.Pearson([1, 2, 3], [1, 2, 3, 4]),
            "pearson-constant" => () => Statistics.Pearson([1, 1, 1], [1, 2, 3]),
            "nan" => () => Statistics.Describe([1, double.NaN]),
            "gof-negative" => () => ChiSquare.GoodnessOfFit([1, -1]),
            "gof-one" => () => ChiSquare.GoodnessOfFit([5]),
            "gof-mismatch" => () => ChiSquare.GoodnessOfFit([1, 2], [1, 2, 3]),
            "table-ragged" => () => ChiSquare.Independence([[1, 2], [3]]),
            _ => () => ChiSquare.Independence([[1, 0], [2, 0]]),
        };
        Assert.Throws<StatisticsException>(act);
    }
}
