using AgentFlows.History;

namespace AgentFlows.Execution;

/// <summary>
/// Patch markers. A marker takes no sequence number, so histories recorded before a patch still line up; replay looks
/// ahead through the recorded history for markers because code asks <c>IsPatched</c> before the row that records
/// its first answer is applied.
/// </summary>
internal sealed partial class OrchestrationSession
{
    /// <summary>Answers <see cref="TaskOrchestrationContext.IsPatched(string)"/>.</summary>
    /// <param name="patchName">The patch name.</param>
    /// <returns>Whether the instance takes the patched path.</returns>
    public bool IsPatched(string patchName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patchName);
        if (_patches.TryGetValue(patchName, out var known))
        {
            return known;
        }

        // Reached during replay with no marker anywhere in history: the run passed here before the patch existed.
        var patched = _recordedPatches.Contains(patchName) || !IsReplaying;
        _patches[patchName] = patched;
        if (patched && !_recordedPatches.Contains(patchName))
        {
            _newActions.Add(PatchMarkers.Create(patchName));
        }

        return patched;
    }

    private IEnumerable<HistoryEvent> NotePatchMarkers(IEnumerable<HistoryEvent> events)
    {
        var list = events as IReadOnlyList<HistoryEvent> ?? events.ToList();
        foreach (var e in list)
        {
            if (PatchMarkers.TryRead(e, out var name))
            {
                _recordedPatches.Add(name);
            }
        }

        return list;
    }
}
