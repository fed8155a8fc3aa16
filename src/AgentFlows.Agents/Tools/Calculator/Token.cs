namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>The kinds of calculator token.</summary>
internal enum TokenKind
{
    Number,
    Name,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One token of an expression.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Text">The normalized text (operators in ASCII, names in lower case).</param>
/// <param name="Value">The value of a number.</param>
/// <param name="Position">The 1-based position in the expression.</param>
internal readonly record struct Token(TokenKind Kind, string Text, double Value, int Position)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

    public string Describe() => Kind == TokenKind.End ? "the end of the expression" : $"'{Text}'";
}
