using System.Text.Json.Serialization;

namespace AgentFlows.Host.Runs;

/// <summary>The run API's links of one run.</summary>
/// <param name="Self">The run (GET, DELETE).</param>
/// <param name="Events">Its event stream (GET).</param>
/// <param name="Cancel">Cancel (POST).</param>
/// <param name="Rewind">Rewind (POST).</param>
/// <param name="Approve">Approve (POST).</param>
internal sealed record RunLinks(
    [property: JsonPropertyName("self")] string Self,
    [property: JsonPropertyName("events")] string Events,
    [property: JsonPropertyName("cancel")] string Cancel,
    [property: JsonPropertyName("rewind")] string Rewind,
    [property: JsonPropertyName("approve")] string Approve)
{
    /// <summary>Builds the links of a run.</summary>
    /// <param name="runId">The run id.</param>
    /// <returns>The links.</returns>
    public static RunLinks For(string runId)
    {
        var self = RunLookup.PathOf(runId);
        return new RunLinks(self, self + "/events", self + "/cancel", self + "/rewind", self + "/approve");
    }
}
