namespace AgentFlows;

/// <summary>Versions and patch markers: how orchestrator code changes without breaking instances already running.</summary>
public abstract partial class TaskOrchestrationContext
{
    /// <summary>
    /// Gets the version this instance started with (host.json <c>defaultVersion</c>, the start request's version, or
    /// for a sub-orchestration its parent's); empty when unversioned. It never changes while the instance runs.
    /// </summary>
    public abstract string Version { get; }

    /// <summary>Compares this instance's <see cref="Version"/> with <paramref name="version"/>, as Durable Functions does.</summary>
    /// <param name="version">The version to compare with.</param>
    /// <returns>Less than zero when the instance is older, zero when equal, more than zero when newer.</returns>
    public int CompareVersionTo(string version) => OrchestrationVersions.Compare(Version, version);

    /// <summary>
    /// Tells whether this instance takes the patched code path named <paramref name="patchName"/>. True for instances
    /// that reach this point with new code (a marker is recorded in history the first time); false while replaying a
    /// history recorded before the patch existed; true on replay when the marker is there. The answer for a name
    /// never changes within one execution, so branch on it freely.
    /// </summary>
    /// <param name="patchName">A name for the change, unique within the orchestrator.</param>
    /// <returns>Whether to run the new code.</returns>
    public abstract bool IsPatched(string patchName);
}
