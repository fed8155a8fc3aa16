namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>The functions and constants of the calculator. Angles are in radians unless given with a deg suffix.</summary>
internal static class CalculatorFunctions
{
    public static IReadOnlyDictionary<string, CalculatorFunction> Functions { get; } = new CalculatorFunction[]
    {
        new("sqrt", 1, 1, (a, p) => a[0] < 0 ? throw Domain("sqrt", a[0], "a negative number", p) : Math.Sqrt(a[0])),
        new("abs", 1, 1, (a, _) => Math.Abs(a[0])),
        new("round", 1, 2, Round),
        new("floor", 1, 1, (a, _) => Math.Floor(a[0])),
        new("ceil", 1, 1, (a, _) => Math.Ceiling(a[0])),
        new("sin", 1, 1, (a, _) => Snap(Math.Sin(a[0]), a[0])),
        new("cos", 1, 1, (a, _) => Snap(Math.Cos(a[0]), a[0])),
        new("tan", 1, 1, Tan),
        new("asin", 1, 1, (a, p) => Math.Abs(a[0]) > 1 ? throw Domain("asin", a[0], "a value outside [-1, 1]", p) : Math.Asin(a[0])),
        new("acos", 1, 1, (a, p) => Math.Abs(a[0]) > 1 ? throw Domain("acos", a[0], "a value outside [-1, 1]", p) : Math.Acos(a[0])),
        new("atan", 1, 1, (a, _) => Math.Atan(a[0])),
        new("log", 1, 2, Log),
        new("ln", 1, 1, (a, p) => a[0] <= 0 ? throw Domain("ln", a[0], "zero or a negative number", p) : Math.Log(a[0])),
        new("exp", 1, 1, (a, _) => Math.Exp(a[0])),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, double> Constants { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["pi"] = Math.PI,
        ["e"] = Math.E,
        ["tau"] = Math.Tau,
    };

    /// <summary>Gets the angle units accepted as a suffix, with their size in radians.</summary>
    public static IReadOnlyDictionary<string, double> Units { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["deg"] = Math.PI / 180,
        ["degree"] = Math.PI / 180,
        ["degrees"] = Math.PI / 180,
        ["rad"] = 1,
        ["radian"] = 1,
        ["radians"] = 1,
    };

    private static CalculatorException Domain(string name, double x, string what, int position) =>
        new($"{name} is undefined for {what} ({name}({Calculator.Format(x)}))", position);

    // sin(180 deg) is 1.2e-16 in binary floating point; where the true value is zero, show zero.
    private static double Snap(double value, double x) =>
        Math.Abs(x) > 1e-6 && Math.Abs(value) < 1e-13 * Math.Max(1, Math.Abs(x)) ? 0 : value;

    private static double Tan(double[] a, int position)
    {
        var cos = Snap(Math.Cos(a[0]), a[0]);
        return cos == 0
            ? throw new CalculatorException($"tan is undefined at {Calculator.Format(a[0])} rad (an odd multiple of 90°)", position)
            : Snap(Math.Sin(a[0]), a[0]) / cos;
    }

    private static double Log(double[] a, int position)
    {
        if (a[0] <= 0)
        {
            throw Domain("log", a[0], "zero or a negative number", position);
        }

        if (a.Length == 1)
        {
            return Math.Log10(a[0]);
        }

        return a[1] <= 0 || a[1] == 1
            ? throw new CalculatorException($"log base must be positive and not 1, not {Calculator.Format(a[1])}", position)
            : Math.Log(a[0]) / Math.Log(a[1]);
    }

    private static double Round(double[] a, int position)
    {
        if (a.Length == 1)
        {
            return Math.Round(a[0], MidpointRounding.AwayFromZero);
        }

        if (!double.IsInteger(a[1]) || a[1] < 0 || a[1] > 15)
        {
            throw new CalculatorException($"round digits must be a whole number from 0 to 15, not {Calculator.Format(a[1])}", position);
        }

        return Math.Round(a[0], (int)a[1], MidpointRounding.AwayFromZero);
    }
}
