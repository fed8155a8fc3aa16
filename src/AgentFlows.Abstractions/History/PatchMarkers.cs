namespace AgentFlows.History;

/// <summary>
/// The history convention for patch markers (<see cref="TaskOrchestrationContext.IsPatched(string)"/>): a
/// <see cref="EventType.GenericEvent"/> whose <see cref="HistoryEvent.Reason"/> is <c>"Patched: &lt;name&gt;"</c> and
/// whose <see cref="HistoryEvent.Name"/> is the patch name. A GenericEvent rather than a new event type, so stores,
/// readers and older builds that do not know markers pass them through untouched.
/// </summary>
public static class PatchMarkers
{
    /// <summary>The reason prefix that marks a patch marker.</summary>
    public const string ReasonPrefix = "Patched: ";

    /// <summary>Creates the marker of a patch.</summary>
    /// <param name="patchName">The patch name.</param>
    /// <returns>The event (timestamped when recorded).</returns>
    public static HistoryEvent Create(string patchName) => new()
    {
        EventType = EventType.GenericEvent,
        Name = patchName,
        Reason = ReasonPrefix + patchName,
    };

    /// <summary>Reads the patch name of a marker.</summary>
    /// <param name="e">A history event.</param>
    /// <param name="patchName">The patch name when <paramref name="e"/> is a marker.</param>
    /// <returns>Whether it is a marker.</returns>
    public static bool TryRead(HistoryEvent e, out string patchName)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.EventType == EventType.GenericEvent && e.Name is { } name && e.Reason?.StartsWith(ReasonPrefix, StringComparison.Ordinal) == true)
        {
            patchName = name;
            return true;
        }

        patchName = string.Empty;
        return false;
    }
}
