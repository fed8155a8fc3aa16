namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>
/// A recursive-descent parser over the grammar below; it builds a tree of arithmetic nodes and never evaluates
/// text as code.
/// <code>
/// expression := term (('+' | '-') term)*
/// term       := unary (('*' | '/' | '%') unary)*
/// unary      := ('+' | '-') unary | power
/// power      := postfix ('^' unary)?          right-associative; -2^2 = -(2^2), 2^-1 = 0.5
/// postfix    := primary unit*                 unit := deg | rad (and °, degree(s), radian(s))
/// primary    := number | constant | function '(' expression (',' expression)* ')' | '(' expression ')'
/// </code>
/// </summary>
internal sealed class CalculatorParser
{
    private readonly List<Token> _tokens;
    private int _next;

    private CalculatorParser(List<Token> tokens) => _tokens = tokens;

    private Token Current => _tokens[_next];

    public static CalcNode Parse(string expression)
    {
        var parser = new CalculatorParser(Tokenizer.Tokenize(expression));
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new CalculatorException("the expression is empty", 1);
        }

        var tree = parser.ParseExpression(0);
        var rest = parser.Current;
        return rest.Kind switch
        {
            TokenKind.End => tree,
            TokenKind.RightParen => throw new CalculatorException("unbalanced parentheses: this ')' has no matching '('", rest.Position),
            _ => throw new CalculatorException($"unexpected {rest.Describe()}; expected an operator or the end", rest.Position),
        };
    }

    private CalcNode ParseExpression(int depth)
    {
        var left = ParseTerm(depth);
        while (Current.Kind == TokenKind.Operator && Current.Text is "+" or "-")
        {
            var op = Take();
            left = new BinaryNode(op.Text[0], left, ParseTerm(depth), op.Position);
        }

        return left;
    }

    private CalcNode ParseTerm(int depth)
    {
        var left = ParseUnary(depth);
        while (Current.Kind == TokenKind.Operator && Current.Text is "*" or "/" or "%")
        {
            var op = Take();
            left = new BinaryNode(op.Text[0], left, ParseUnary(depth), op.Position);
        }

        return left;
    }

    private CalcNode ParseUnary(int depth)
    {
        if (Current.Kind == TokenKind.Operator && Current.Text is "+" or "-")
        {
            var sign = Take();
            var operand = ParseUnary(Enter(depth, sign));
            return sign.Text == "-" ? new NegateNode(operand, sign.Position) : operand;
        }

        return ParsePower(depth);
    }

    private CalcNode ParsePower(int depth)
    {
        var baseNode = ParsePostfix(depth);
        if (Current.Is(TokenKind.Operator, "^"))
        {
            var op = Take();
            return new BinaryNode('^', baseNode, ParseUnary(Enter(depth, op)), op.Position);
        }

        return baseNode;
    }

    private CalcNode ParsePostfix(int depth)
    {
        var node = ParsePrimary(depth);
        while (Current.Kind == TokenKind.Name && CalculatorFunctions.Units.TryGetValue(Current.Text, out var factor))
        {
            node = new UnitNode(node, factor, Take().Position);
        }

        return node;
    }

    private CalcNode ParsePrimary(int depth)
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new NumberNode(token.Value, token.Position);
            case TokenKind.LeftParen:
                var inner = ParseExpression(Enter(depth, token));
                Expect(TokenKind.RightParen, token);
                return inner;
            case TokenKind.Name:
                return ParseName(token, depth);
            case TokenKind.End:
                throw new CalculatorException("the expression ends too early; a number or '(' is missing", token.Position);
            default:
                throw new CalculatorException($"unexpected {token.Describe()}; expected a number, a name or '('", token.Position);
        }
    }

    private CalcNode ParseName(Token name, int depth)
    {
        if (CalculatorFunctions.Constants.TryGetValue(name.Text, out var constant))
        {
            return new NumberNode(constant, name.Position);
        }

        if (!CalculatorFunctions.Functions.TryGetValue(name.Text, out var function))
        {
            var known = string.Join(", ", CalculatorFunctions.Functions.Keys.Concat(CalculatorFunctions.Constants.Keys));
            throw new CalculatorException($"unknown name '{name.Text}' (known: {known}; angle units deg, rad)", name.Position);
        }

        if (Current.Kind != TokenKind.LeftParen)
        {
            throw new CalculatorException($"{name.Text} needs its argument in parentheses, as in {name.Text}(x)", name.Position);
        }

        var open = Take();
        var args = new List<CalcNode> { ParseExpression(Enter(depth, open)) };
        while (Current.Kind == TokenKind.Comma)
        {
            Take();
            args.Add(ParseExpression(Enter(depth, open)));
        }

        Expect(TokenKind.RightParen, open);
        if (args.Count < function.MinArgs || args.Count > function.MaxArgs)
        {
            throw new CalculatorException($"{name.Text} takes {function.Signature}, not {args.Count} arguments", name.Position);
        }

        return new CallNode(function, args, name.Position);
    }

    private void Expect(TokenKind kind, Token open)
    {
        if (Current.Kind == kind)
        {
            Take();
            return;
        }

        throw Current.Kind == TokenKind.End
            ? new CalculatorException("unbalanced parentheses: this '(' is never closed", open.Position)
            : new CalculatorException($"unexpected {Current.Describe()}; expected ')' or an operator", Current.Position);
    }

    private static int Enter(int depth, Token at) => depth < Calculator.MaxDepth
        ? depth + 1
        : throw new CalculatorException($"the expression nests deeper than {Calculator.MaxDepth} levels", at.Position);

    private Token Take() => _tokens[Current.Kind == TokenKind.End ? _next : _next++];
}
