using System.Globalization;

namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>
/// A safe calculator: expressions are tokenized and parsed into arithmetic (see <c>CalculatorParser</c> for the
/// grammar), never compiled or evaluated as code.
/// </summary>
/// <remarks>
/// Operators + - * / ^ (right-associative) and % (remainder, with the sign of the dividend); × ÷ − · and ** are
/// accepted too. Functions sqrt, abs, round (with optional digits), floor, ceil, sin, cos, tan, asin, acos, atan,
/// log (base 10, or log(x, base)), ln, exp; constants pi, e, tau. Trigonometry takes radians; a <c>deg</c> (or °)
/// suffix converts degrees: <c>sin(30 deg)</c>. Inverse functions answer in radians.
/// </remarks>
public static class Calculator
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxLength = 1000;

    /// <summary>The deepest nesting of parentheses, calls and signs accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Evaluates an expression.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>The value, rounded to 12 significant digits so binary noise (0.49999999999999994) does not show.</returns>
    /// <exception cref="CalculatorException">The expression is malformed or has no real value.</exception>
    public static double Evaluate(string expression)
    {
        var value = Parse(expression).Evaluate();
        return value == 0 ? 0 : double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Checks an expression's syntax without evaluating it (so 1/0 passes: that fails only when run).</summary>
    /// <param name="expression">The expression.</param>
    /// <exception cref="CalculatorException">The expression is malformed.</exception>
    public static void Validate(string expression) => Parse(expression);

    /// <summary>Formats a number the way the calculator's messages show it.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Invariant text with at most 12 significant digits.</returns>
    public static string Format(double value) => value.ToString("G12", CultureInfo.InvariantCulture);

    private static CalcNode Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxLength)
        {
            throw new CalculatorException($"the expression is {expression.Length} characters long, over the limit of {MaxLength}", MaxLength + 1);
        }

        return CalculatorParser.Parse(expression);
    }
}
