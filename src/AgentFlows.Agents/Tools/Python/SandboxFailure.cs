using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>
/// The class of a sandbox failure with the limits it ran under and the caps, in a form that survives history: the
/// failure message starts with <c>[sandbox:&lt;kind&gt; memoryMb=&lt;limit&gt;/&lt;cap&gt; timeoutSeconds=&lt;limit&gt;/&lt;cap&gt;]</c>,
/// so the orchestration decides from FailureDetails alone, deterministically on replay.
/// </summary>
/// <param name="Kind">The class.</param>
/// <param name="MemoryMb">The memory limit of the failed run.</param>
/// <param name="MaxMemoryMb">The memory cap.</param>
/// <param name="TimeoutSeconds">The time limit of the failed run.</param>
/// <param name="MaxTimeoutSeconds">The time cap.</param>
public sealed partial record SandboxFailure(SandboxFailureKind Kind, int MemoryMb, int MaxMemoryMb, int TimeoutSeconds, int MaxTimeoutSeconds)
{
    /// <summary>Gets the class as it appears in messages and events: memory, time, output, crash or code.</summary>
    public string Name => Kind.ToString().ToLowerInvariant();

    /// <summary>Gets the tag that starts the failure message.</summary>
    public string Tag => string.Create(CultureInfo.InvariantCulture, $"[sandbox:{Name} memoryMb={MemoryMb}/{MaxMemoryMb} timeoutSeconds={TimeoutSeconds}/{MaxTimeoutSeconds}]");

    /// <summary>Reads the class and limits back from a failure message.</summary>
    /// <param name="message">The message (FailureDetails.ErrorMessage).</param>
    /// <param name="failure">The failure, when the message carries a tag.</param>
    /// <returns>True when it does.</returns>
    public static bool TryParse(string? message, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SandboxFailure? failure)
    {
        failure = null;
        var match = message is null ? Match.Empty : TagPattern().Match(message);
        if (!match.Success || !Enum.TryParse<SandboxFailureKind>(match.Groups["kind"].Value, ignoreCase: true, out var kind))
        {
            return false;
        }

        failure = new SandboxFailure(kind, Int(match, "m"), Int(match, "mm"), Int(match, "t"), Int(match, "tm"));
        return true;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[sandbox:(?<kind>[a-z]+) memoryMb=(?<m>\d{1,9})/(?<mm>\d{1,9}) timeoutSeconds=(?<t>\d{1,9})/(?<tm>\d{1,9})\]")]
    private static partial Regex TagPattern();
}
