using System.Globalization;

namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>Splits an expression into tokens; typographic operators (× ÷ − ·, **, °) become their ASCII forms.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            var position = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < expression.Length && char.IsAsciiDigit(expression[i + 1])))
            {
                tokens.Add(ReadNumber(expression, ref i));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < expression.Length && (char.IsAsciiLetterOrDigit(expression[i]) || expression[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, expression[start..i].ToLowerInvariant(), 0, position));
            }
            else if (c == '*' && i + 1 < expression.Length && expression[i + 1] == '*')
            {
                tokens.Add(new Token(TokenKind.Operator, "^", 0, position));
                i += 2;
            }
            else
            {
                tokens.Add(Single(c, position));
                i++;
            }
        }

        tokens.Add(new Token(TokenKind.End, "", 0, expression.Length + 1));
        return tokens;
    }

    private static Token Single(char c, int position) => c switch
    {
        '+' or '-' or '*' or '/' or '^' or '%' => new Token(TokenKind.Operator, c.ToString(), 0, position),
        '×' or '·' or '⋅' => new Token(TokenKind.Operator, "*", 0, position),
        '÷' => new Token(TokenKind.Operator, "/", 0, position),
        '−' or '–' => new Token(TokenKind.Operator, "-", 0, position),
        '(' or '[' => new Token(TokenKind.LeftParen, "(", 0, position),
        ')' or ']' => new Token(TokenKind.RightParen, ")", 0, position),
        ',' => new Token(TokenKind.Comma, ",", 0, position),
        '°' => new Token(TokenKind.Name, "deg", 0, position),
        'π' => new Token(TokenKind.Name, "pi", 0, position),
        _ => throw new CalculatorException($"unexpected character '{c}'", position),
    };

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        // An exponent needs digits: in "2e" or "2exp(1)" the letters are a name, which the parser rejects clearly.
        if (i < text.Length && (text[i] is 'e' or 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] is '+' or '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        var literal = text[start..i];
        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new CalculatorException($"the number {literal} is too large", start + 1);
        }

        return new Token(TokenKind.Number, literal, value, start + 1);
    }
}
