using System.Text.RegularExpressions;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>Replaces secrets and personal data in training text by configured patterns.</summary>
public sealed class SecretScrubber
{
    /// <summary>The replacement of every match.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>The patterns used when none are configured: e-mail addresses, API-key-like tokens, bearer tokens, long hex or digit runs.</summary>
    public static readonly IReadOnlyList<string> DefaultPatterns =
    [
        @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        @"\b(?:sk|pk|rk|ghp|gho|xox[bp])[-_][A-Za-z0-9_-]{12,}\b",
        @"(?i)\b(?:bearer|api[-_ ]?key|password|secret|token)\s*[:=]\s*\S+",
        @"\b[0-9a-fA-F]{32,}\b",
        @"\b\d(?:[ -]?\d){12,18}\b",
    ];

    private readonly Regex[] _patterns;

    /// <summary>Initializes a new instance of the <see cref="SecretScrubber"/> class.</summary>
    /// <param name="patterns">The patterns; the defaults when empty.</param>
    public SecretScrubber(IEnumerable<string>? patterns = null)
    {
        var list = patterns?.Where(p => !string.IsNullOrWhiteSpace(p)).ToList() ?? [];
        _patterns = (list.Count > 0 ? list : DefaultPatterns)
            .Select(p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            .ToArray();
    }

    /// <summary>Scrubs a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="redactions">Matches replaced.</param>
    /// <returns>The scrubbed text.</returns>
    public string Scrub(string text, out int redactions)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var pattern in _patterns)
        {
            text = pattern.Replace(text, _ =>
            {
                count++;
                return Redacted;
            });
        }

        redactions = count;
        return text;
    }
}
