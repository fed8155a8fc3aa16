namespace AgentFlows.Agents.Tools.Stats;

/// <summary>
/// The special functions behind the p-values: log-gamma (Lanczos, g = 7, 9 terms), the regularized incomplete
/// beta function (continued fraction by the modified Lentz method) and the regularized incomplete gamma functions
/// (series below a + 1, continued fraction above), after the formulations in Numerical Recipes §6.1–6.4.
/// </summary>
public static class SpecialFunctions
{
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;
    private const int MaxIterations = 10_000;

    private static readonly double[] _lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>The natural logarithm of the gamma function, for x &gt; 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln Γ(x).</returns>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5)
        {
            // Reflection keeps the Lanczos sum in the range where it is accurate.
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = _lanczos[0];
        for (var i = 1; i < _lanczos.Length; i++)
        {
            sum += _lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>The regularized incomplete beta function I_x(a, b).</summary>
    /// <param name="x">The upper limit, in [0, 1].</param>
    /// <param name="a">The first shape, &gt; 0.</param>
    /// <param name="b">The second shape, &gt; 0.</param>
    /// <returns>I_x(a, b), in [0, 1].</returns>
    public static double IncompleteBeta(double x, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));

        // The continued fraction converges fast only below the mean; above it, use I_x(a,b) = 1 - I_(1-x)(b,a).
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(x, a, b) / a
            : 1 - (front * BetaFraction(1 - x, b, a) / b);
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x).</summary>
    /// <param name="a">The shape, &gt; 0.</param>
    /// <param name="x">The upper limit, ≥ 0.</param>
    /// <returns>P(a, x).</returns>
    public static double LowerIncompleteGamma(double a, double x) => x < a + 1 ? GammaSeries(a, x) : 1 - GammaFraction(a, x);

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), accurate when small.</summary>
    /// <param name="a">The shape, &gt; 0.</param>
    /// <param name="x">The lower limit, ≥ 0.</param>
    /// <returns>Q(a, x).</returns>
    public static double UpperIncompleteGamma(double a, double x) => x < a + 1 ? 1 - GammaSeries(a, x) : GammaFraction(a, x);

    private static double BetaFraction(double x, double a, double b)
    {
        var c = 1.0;
        var d = NotTiny(1 - ((a + b) * x / (a + 1)));
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var even = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 / NotTiny(1 + (even * d));
            c = NotTiny(1 + (even / c));
            h *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 / NotTiny(1 + (odd * d));
            c = NotTiny(1 + (odd / c));
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return h;
            }
        }

        throw new ArithmeticException($"The incomplete beta fraction did not converge for x={x}, a={a}, b={b}.");
    }

    private static double GammaSeries(double a, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        if (x == 0)
        {
            return 0;
        }

        var term = 1 / a;
        var sum = term;
        for (var n = 1; n <= MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                return sum * Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a));
            }
        }

        throw new ArithmeticException($"The incomplete gamma series did not converge for a={a}, x={x}.");
    }

    private static double GammaFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i <= MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = 1 / NotTiny((an * d) + b);
            c = NotTiny(b + (an / c));
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a)) * h;
            }
        }

        throw new ArithmeticException($"The incomplete gamma fraction did not converge for a={a}, x={x}.");
    }

    private static double NotTiny(double value) => Math.Abs(value) < Tiny ? Tiny : value;
}
