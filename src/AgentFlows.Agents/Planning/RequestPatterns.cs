using System.Text.RegularExpressions;

namespace AgentFlows.Agents.Planning;

/// <summary>The request patterns of the pattern planner's grammar (CONTRACT §5), case-insensitive.</summary>
internal static partial class RequestPatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline;

    /// <summary>The verbs a request starts with, as listed in error messages.</summary>
    public const string KnownRequests =
        "calculate/compute <expression>, add a todo <title>, list todos, complete todo <id or title>, clean data <path or CSV>, "
        + "profile data <path or CSV>, run python <code>, wait <n> seconds|minutes|hours, summarize <text>, write <what>";

    /// <summary>
    /// Tells whether text starts a new request, which is what lets "and" or a comma separate parallel requests.
    /// "what is" is not such a start, and "write" only as "write a|an|the|me …", so ordinary words in titles
    /// rarely split them.
    /// </summary>
    public static bool StartsRequest(string text) => Start().IsMatch(text);

    [GeneratedRegex(
        @"^(?:calculate|compute|add\s+(?:a\s+|an\s+)?(?:new\s+)?(?:todo|to-do|task)\b|list\s+(?:\w+\s+){0,3}?(?:todos?|to-dos?|tasks)\b"
        + @"|(?:complete|finish|mark)\s+(?:the\s+)?(?:todo|to-do|task)\b|clean\s+(?:up\s+)?(?:the\s+)?(?:data|csv)\b"
        + @"|profile\s+(?:the\s+)?(?:data|csv)\b|run\s+(?:python|py)\b|wait\s+(?:for\s+)?[\d{]|summari[sz]e\b|write\s+(?:a|an|the|me)\b)",
        Options,
        1000)]
    private static partial Regex Start();

    [GeneratedRegex(@"^(?:calculate|compute|what\s+is|what's|whats)\s*:?\s*(?<expr>.*)$", Options, 1000)]
    public static partial Regex Calculate();

    [GeneratedRegex(@"^add\s+(?:a\s+|an\s+)?(?:new\s+)?(?:todo|to-do|task)\s*(?:(?::|called|named|titled)\s*)?(?<rest>.*)$", Options, 1000)]
    public static partial Regex TodoAdd();

    [GeneratedRegex(
        @"^list\s+(?:(?:all|my|the)\s+)*(?:(?<state>open|pending|undone|incomplete|done|completed|finished)\s+)?(?:todos?|to-dos?|tasks)\b\s*(?<rest>.*)$",
        Options,
        1000)]
    public static partial Regex TodoList();

    [GeneratedRegex(
        @"^(?:complete|finish|mark)\s+(?:the\s+)?(?:todo|to-do|task)\s*:?\s*(?<target>.*?)(?:\s+(?:as\s+)?(?:done|complete|completed|finished))?$",
        Options,
        1000)]
    public static partial Regex TodoComplete();

    [GeneratedRegex(
        @"^(?<verb>clean|profile)\s+(?:up\s+)?(?:the\s+)?(?:data|csv)(?:\s+(?:file|from|in|at|of))?\s*:?\s*(?<source>.*?)(?<until>\s+until\s+(?:it\s+is\s+|it's\s+)?clean)?$",
        Options,
        1000)]
    public static partial Regex Data();

    [GeneratedRegex(@"^run\s+(?:python|py)(?:\s+(?:code|script))?\s*:?\s*(?<code>.*)$", Options, 1000)]
    public static partial Regex Python();

    [GeneratedRegex(@"^wait\s+(?:for\s+)?(?<rest>.*)$", Options, 1000)]
    public static partial Regex Wait();

    [GeneratedRegex(
        @"^(?<n>\d+(?:\.\d+)?|\{[^{}\s]+\})\s*(?<unit>seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)$",
        Options,
        1000)]
    public static partial Regex Duration();

    [GeneratedRegex(@"^summari[sz]e\s*:?\s*(?<text>.*)$", Options, 1000)]
    public static partial Regex Summarize();

    [GeneratedRegex(@"^write\s+(?<what>.*)$", Options, 1000)]
    public static partial Regex Write();
}
