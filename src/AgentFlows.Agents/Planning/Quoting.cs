namespace AgentFlows.Agents.Planning;

/// <summary>
/// The quoting the pattern planner understands: "double quotes" (with \" and \\ escapes), “typographic quotes”,
/// `backticks` and ```fenced blocks```. Text inside them is taken literally: it never splits a prompt.
/// Apostrophes are not quotes, so "mom's gift" needs no escaping.
/// </summary>
internal static class Quoting
{
    /// <summary>Finds the end of a quoted span that opens at <paramref name="open"/>.</summary>
    /// <returns>The index of the span's last character, or -1 when nothing opens there or it is never closed.</returns>
    public static int FindClose(string text, int open)
    {
        if (string.CompareOrdinal(text, open, "```", 0, 3) == 0)
        {
            var fence = text.IndexOf("```", open + 3, StringComparison.Ordinal);
            return fence < 0 ? -1 : fence + 2;
        }

        switch (text[open])
        {
            case '`':
                return text.IndexOf('`', open + 1);
            case '“':
                var typographic = text.IndexOfAny(['”', '"'], open + 1);
                return typographic;
            case '"':
                for (var i = open + 1; i < text.Length; i++)
                {
                    if (text[i] == '\\')
                    {
                        i++;
                    }
                    else if (text[i] == '"')
                    {
                        return i;
                    }
                }

                return -1;
            default:
                return -1;
        }
    }

    /// <summary>Removes the quotes around a value that is exactly one quoted span; other text is only trimmed.</summary>
    public static string Unquote(string value)
    {
        var text = value.Trim();
        if (text.Length < 2 || FindClose(text, 0) != text.Length - 1)
        {
            return text;
        }

        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            return Fenced(text[3..^3]);
        }

        var inner = text[1..^1];
        return text[0] == '"' ? inner.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : inner;
    }

    // A fence may start with a language tag ("```python"), which is not part of the content.
    private static string Fenced(string inner)
    {
        var firstLine = inner.IndexOf('\n', StringComparison.Ordinal);
        if (firstLine >= 0 && inner[..firstLine].Trim().All(char.IsAsciiLetterOrDigit))
        {
            inner = inner[(firstLine + 1)..];
        }

        return inner.Trim('\r', '\n');
    }
}
