namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>A binary operation.</summary>
/// <param name="Operator">One of + - * / % ^.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="Position">The operator's position.</param>
internal sealed record BinaryNode(char Operator, CalcNode Left, CalcNode Right, int Position) : CalcNode(Position)
{
    public override double Evaluate()
    {
        var a = Left.Evaluate();
        var b = Right.Evaluate();
        var result = Operator switch
        {
            '+' => Cancel(a + b, a, b),
            '-' => Cancel(a - b, a, b),
            '*' => a * b,
            '/' => b == 0 ? throw new CalculatorException("division by zero", Position) : a / b,
            '%' => b == 0 ? throw new CalculatorException("division by zero (in %)", Position) : a % b,
            '^' => Power(a, b),
            _ => throw new InvalidOperationException($"Unknown operator '{Operator}'."),
        };
        return double.IsInfinity(result) ? throw new CalculatorException("the result is too large", Position) : result;
    }

    // 0.1 + 0.2 - 0.3 leaves 5.5e-17 of binary noise; a difference that small next to its operands is zero.
    private static double Cancel(double result, double a, double b) =>
        Math.Abs(result) < 1e-14 * Math.Max(Math.Abs(a), Math.Abs(b)) ? 0 : result;

    private double Power(double a, double b)
    {
        if (a == 0 && b < 0)
        {
            throw new CalculatorException("division by zero (0 to a negative power)", Position);
        }

        var result = Math.Pow(a, b);
        return double.IsNaN(result)
            ? throw new CalculatorException($"{Calculator.Format(a)}^{Calculator.Format(b)} is not a real number", Position)
            : result;
    }
}
