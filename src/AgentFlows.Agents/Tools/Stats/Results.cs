using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;

namespace AgentFlows.Agents.Tools.Stats;

/// <summary>Summary statistics of a sample.</summary>
/// <param name="Count">The number of values.</param>
/// <param name="Mean">The mean.</param>
/// <param name="Sd">The sample standard deviation (n - 1); NaN for one value.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Q1">The first quartile (R type 7).</param>
/// <param name="Median">The median.</param>
/// <param name="Q3">The third quartile (R type 7).</param>
/// <param name="Max">The largest value.</param>
public sealed record DescriptiveStatistics(int Count, double Mean, double Sd, double Min, double Q1, double Median, double Q3, double Max)
{
    /// <summary>Gets the JSON form; a value that does not exist (the sd of one value) is null.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new()
    {
        ["count"] = Count, ["mean"] = JsonNumber.Create(Mean), ["sd"] = JsonNumber.Create(Sd), ["min"] = JsonNumber.Create(Min),
        ["q1"] = JsonNumber.Create(Q1), ["median"] = JsonNumber.Create(Median), ["q3"] = JsonNumber.Create(Q3), ["max"] = JsonNumber.Create(Max),
    };
}

/// <summary>The result of Welch's two-sample t-test.</summary>
/// <param name="T">The t statistic.</param>
/// <param name="Df">The Welch–Satterthwaite degrees of freedom.</param>
/// <param name="P">The two-sided p-value.</param>
/// <param name="MeanX">The mean of the first sample.</param>
/// <param name="MeanY">The mean of the second sample.</param>
public sealed record TTestResult(double T, double Df, double P, double MeanX, double MeanY)
{
    /// <summary>Gets the JSON form.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new()
    {
        ["method"] = "Welch two-sample t-test", ["t"] = JsonNumber.Create(T), ["df"] = JsonNumber.Create(Df), ["p"] = JsonNumber.Create(P),
        ["meanX"] = JsonNumber.Create(MeanX), ["meanY"] = JsonNumber.Create(MeanY),
    };
}

/// <summary>The result of Pearson's chi-square test.</summary>
/// <param name="Test">"goodness-of-fit" or "independence".</param>
/// <param name="Statistic">The X² statistic.</param>
/// <param name="Df">The degrees of freedom.</param>
/// <param name="P">The p-value.</param>
public sealed record ChiSquareResult(string Test, double Statistic, int Df, double P)
{
    /// <summary>Gets the JSON form.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new()
    {
        ["test"] = Test, ["statistic"] = JsonNumber.Create(Statistic), ["df"] = Df, ["p"] = JsonNumber.Create(P),
    };
}

/// <summary>The result of a Pearson correlation test.</summary>
/// <param name="R">The correlation coefficient.</param>
/// <param name="T">The t statistic (infinite for a perfect correlation, null in JSON).</param>
/// <param name="Df">The degrees of freedom, n - 2.</param>
/// <param name="P">The two-sided p-value of r = 0.</param>
/// <param name="N">The number of pairs.</param>
public sealed record CorrelationResult(double R, double T, int Df, double P, int N)
{
    /// <summary>Gets the JSON form.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new()
    {
        ["method"] = "Pearson", ["r"] = JsonNumber.Create(R), ["t"] = JsonNumber.Create(T), ["df"] = Df, ["p"] = JsonNumber.Create(P), ["n"] = N,
    };
}
