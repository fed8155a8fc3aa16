namespace AgentFlows.Execution;

/// <summary>Where orchestrator code asked for an action (from the compiler's caller information).</summary>
/// <param name="FilePath">The source file, as the compiler saw it.</param>
/// <param name="Line">The line; 0 when unknown.</param>
internal readonly record struct CallSite(string? FilePath, int Line)
{
    /// <summary>Gets <c>File.cs:42</c>, or null when unknown.</summary>
    public string? Display => Line > 0 && !string.IsNullOrEmpty(FilePath) ? $"{Path.GetFileName(FilePath.Replace('\\', '/'))}:{Line}" : null;
}
