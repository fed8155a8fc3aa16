namespace AgentFlows.Agents.Tools.Stats;

/// <summary>Tail probabilities of the distributions the tests use.</summary>
public static class Distributions
{
    /// <summary>The two-sided p-value of Student's t: P(|T| ≥ |t|) with <paramref name="df"/> degrees of freedom.</summary>
    /// <param name="t">The statistic.</param>
    /// <param name="df">Degrees of freedom, &gt; 0 (need not be whole, as with Welch's test).</param>
    /// <returns>The p-value.</returns>
    public static double StudentTTwoSided(double t, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (double.IsInfinity(t))
        {
            return 0;
        }

        return SpecialFunctions.IncompleteBeta(df / (df + (t * t)), df / 2, 0.5);
    }

    /// <summary>The upper tail of the chi-square distribution: P(X ≥ x) with <paramref name="df"/> degrees of freedom.</summary>
    /// <param name="x">The statistic, ≥ 0.</param>
    /// <param name="df">Degrees of freedom, &gt; 0.</param>
    /// <returns>The p-value.</returns>
    public static double ChiSquareUpper(double x, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        return x <= 0 ? 1 : SpecialFunctions.UpperIncompleteGamma(df / 2, x / 2);
    }
}
