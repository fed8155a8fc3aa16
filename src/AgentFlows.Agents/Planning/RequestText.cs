using System.Text.RegularExpressions;

namespace AgentFlows.Agents.Planning;

/// <summary>Tidies one request: connective words at the start ("and", "then", "also", "finally", "please", …)
/// and punctuation or a dangling "and" at the end are not part of it.</summary>
internal static partial class RequestText
{
    public static string Clean(string request)
    {
        var text = request.Trim();
        string before;
        do
        {
            before = text;
            text = LeadingFiller().Replace(text, "");
            text = TrailingFiller().Replace(text, "").Trim();
        }
        while (text != before);
        return text;
    }

    [GeneratedRegex(@"^(?:and|then|also|finally|first(?:ly)?|next|afterwards|after\s+that|please)\b[\s,:]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"(?:[\s.!?,]+|\s+(?:and|then))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TrailingFiller();
}
