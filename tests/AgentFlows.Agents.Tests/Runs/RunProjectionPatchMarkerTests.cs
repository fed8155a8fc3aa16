using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using AgentFlows.History;
using AgentFlows.Testing;

namespace AgentFlows.Agents.Tests.Runs;

/// <summary>A patch marker in a run's history changes nothing a user sees of the run.</summary>
public sealed class RunProjectionPatchMarkerTests
{
    [Fact]
    public void Build_HistoryWithPatchMarker_SameEventsAndStepsAsWithout()
    {
        var history = GoldenHistories.Load(Path.Combine(AppContext.BaseDirectory, "Histories", "agentrun", "v1", "sequential.json"));
        var started = history.First(e => e.EventType == EventType.ExecutionStarted);
        var instance = new OrchestrationMetadata
        {
            Name = RunNames.Orchestrator,
            InstanceId = "golden-sequential",
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            CreatedAt = started.Timestamp,
            LastUpdatedAt = started.Timestamp,
            SerializedInput = started.Input,
        };
        var marked = history.ToList();
        marked.Insert(history.IndexOf(started) + 1, PatchMarkers.Create("audit-plan") with { Timestamp = started.Timestamp });

        var plain = RunProjection.Build(instance, history).Events;
        var withMarker = RunProjection.Build(instance, marked).Events;

        Assert.Equal(plain.Select(e => (e.Type, e.StepId)), withMarker.Select(e => (e.Type, e.StepId)));
        Assert.Contains(withMarker, e => e.Type == "run.completed");
    }
}
