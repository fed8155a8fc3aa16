namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>An expression the calculator cannot evaluate; retrying cannot help.</summary>
public sealed class CalculatorException : NonRetriableException
{
    /// <summary>Initializes a new instance of the <see cref="CalculatorException"/> class.</summary>
    /// <param name="reason">What is wrong.</param>
    /// <param name="position">Where, as a 1-based character position in the expression.</param>
    public CalculatorException(string reason, int position)
        : base($"{reason} (at position {position})")
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>Gets what is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>Gets the 1-based character position of the fault in the expression.</summary>
    public int Position { get; }
}
