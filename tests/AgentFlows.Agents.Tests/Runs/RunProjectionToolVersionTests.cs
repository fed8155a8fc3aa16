using System.Text.Json.Nodes;
using AgentFlows.Agents.Runs;
using AgentFlows.Agents.Tools;
using AgentFlows.Client;
using AgentFlows.History;
using AgentFlows.Serialization;

namespace AgentFlows.Agents.Tests.Runs;

/// <summary>Each step of the run view shows the version of the tool that ran it, read from the call's input in history.</summary>
public sealed class RunProjectionToolVersionTests
{
    private static readonly DateTime _at = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void ToView_CallScheduledWithAVersion_StepShowsThatVersion()
    {
        // Serialized as the runtime stores a TaskScheduled input.
        var input = DataConverter.Default.Serialize(new ToolInvocation
        {
            Args = new JsonObject { ["expression"] = "1+1" },
            RunId = "run-1",
            StepId = "s1",
            ToolVersion = ToolRegistry.Default.Get(ToolNames.Calculator).Version,
        });

        var view = Project(input);

        Assert.Equal("1.0.0", view.Plan.Steps[0].ToolVersion);
        Assert.Equal("completed", view.Plan.Steps[0].Status);
        Assert.Null(view.Plan.Steps[1].ToolVersion);
    }

    [Fact]
    public void ToView_HistoryFromBeforeToolVersions_StepShowsNullVersion()
    {
        var view = Project("""{"args":{"expression":"1+1"},"tenant":"default","runId":"run-1","stepId":"s1"}""");

        Assert.Null(view.Plan.Steps[0].ToolVersion);
        Assert.Equal("completed", view.Plan.Steps[0].Status);
        Assert.Equal(2.0, view.Plan.Steps[0].Output!.GetValue<double>());
    }

    [Fact]
    public void Serialize_InvocationWithoutVersion_WritesNoToolVersionField()
    {
        var json = DataConverter.Default.Serialize(new ToolInvocation { RunId = "r", StepId = "s" })!;

        Assert.DoesNotContain("toolVersion", json, StringComparison.Ordinal);
    }

    private static RunView Project(string? scheduledInput)
    {
        var plan = """{"steps":[{"id":"s1","tool":"calculator","args":{"expression":"1+1"}},{"id":"s2","tool":"calculator","args":{"expression":"{s1} * 2"}}]}""";
        var instance = new OrchestrationMetadata
        {
            Name = RunNames.Orchestrator,
            InstanceId = "run-1",
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CreatedAt = _at,
            LastUpdatedAt = _at,
            SerializedInput = $$"""{"prompt":"calculate 1+1","plan":{{plan}}}""",
        };
        IReadOnlyList<HistoryEvent> history =
        [
            new() { EventType = EventType.ExecutionStarted, Timestamp = _at, Name = RunNames.Orchestrator },
            new() { EventType = EventType.TaskScheduled, EventId = 0, Timestamp = _at, Name = ToolNames.Calculator, Input = scheduledInput },
            new() { EventType = EventType.TaskCompleted, Timestamp = _at.AddSeconds(1), TaskScheduledId = 0, Result = "2" },
        ];

        return RunProjection.Build(instance, history).ToView();
    }
}
