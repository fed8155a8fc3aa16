namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>A node of a parsed expression; evaluating it never runs anything but arithmetic.</summary>
/// <param name="Position">The 1-based position its errors are reported at.</param>
internal abstract record CalcNode(int Position)
{
    public abstract double Evaluate();
}

/// <summary>A literal number or constant.</summary>
internal sealed record NumberNode(double Value, int Position) : CalcNode(Position)
{
    public override double Evaluate() => Value;
}

/// <summary>Unary minus.</summary>
internal sealed record NegateNode(CalcNode Operand, int Position) : CalcNode(Position)
{
    public override double Evaluate() => -Operand.Evaluate();
}

/// <summary>An angle unit suffix: the operand times the unit's size in radians.</summary>
internal sealed record UnitNode(CalcNode Operand, double Factor, int Position) : CalcNode(Position)
{
    public override double Evaluate() => Operand.Evaluate() * Factor;
}

/// <summary>A function call.</summary>
internal sealed record CallNode(CalculatorFunction Function, IReadOnlyList<CalcNode> Arguments, int Position) : CalcNode(Position)
{
    public override double Evaluate() => Function.Invoke(Arguments.Select(a => a.Evaluate()).ToArray(), Position);
}
