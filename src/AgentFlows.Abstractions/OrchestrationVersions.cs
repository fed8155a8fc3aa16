namespace AgentFlows;

/// <summary>Compares orchestration versions the way Durable Functions does.</summary>
public static class OrchestrationVersions
{
    /// <summary>
    /// Compares two versions: both empty are equal; an empty version is older than any defined one; two versions
    /// that both parse as <see cref="System.Version"/> compare as such; otherwise an ordinal, case-insensitive string
    /// comparison decides (so <c>"10"</c> sorts before <c>"9"</c>: use dotted versions such as <c>"1.0"</c>).
    /// </summary>
    /// <param name="version">The version being compared (null or blank means unversioned).</param>
    /// <param name="other">The version it is compared with.</param>
    /// <returns>Less than zero when <paramref name="version"/> is older, zero when equal, more than zero when newer.</returns>
    public static int Compare(string? version, string? other)
    {
        var noVersion = string.IsNullOrWhiteSpace(version);
        var noOther = string.IsNullOrWhiteSpace(other);
        if (noVersion || noOther)
        {
            return noVersion == noOther ? 0 : noVersion ? -1 : 1;
        }

        if (System.Version.TryParse(version, out var parsed) && System.Version.TryParse(other, out var parsedOther))
        {
            return parsed.CompareTo(parsedOther);
        }

        return string.Compare(version, other, StringComparison.OrdinalIgnoreCase);
    }
}
