using System.Text.Json.Nodes;
using AgentFlows.History;
using AgentFlows.Http.Payloads;

namespace AgentFlows.Http.Tests.Payloads;

public sealed class HistoryShaperTests
{
    private static readonly DateTime _t0 = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Shape_CompletedSequence_MatchesDurableFunctionsRows()
    {
        HistoryEvent[] history =
        [
            Ev(EventType.OrchestratorStarted, 0),
            Ev(EventType.ExecutionStarted, 0) with { Name = "Hello", Input = "\"Tokyo\"" },
            Ev(EventType.TaskScheduled, 0.1) with { EventId = 0, Name = "SayHello", Input = "\"Tokyo\"" },
            Ev(EventType.OrchestratorCompleted, 0.1),
            Ev(EventType.OrchestratorStarted, 1),
            Ev(EventType.TaskCompleted, 1.2345678) with { TaskScheduledId = 0, Result = "\"Hello Tokyo!\"" },
            Ev(EventType.ExecutionCompleted, 1.5) with { OrchestrationStatus = OrchestrationRuntimeStatus.Completed, Result = "[\"Hello Tokyo!\"]" },
            Ev(EventType.OrchestratorCompleted, 1.5),
        ];

        var rows = HistoryShaper.Shape(history, showInput: true, showHistoryOutput: true);

        TestJson.Equal(
            """
            [
              { "EventType": "ExecutionStarted", "FunctionName": "Hello", "Input": "\"Tokyo\"", "Timestamp": "2024-01-02T03:04:05Z" },
              { "EventType": "TaskCompleted", "FunctionName": "SayHello", "Input": "\"Tokyo\"", "Result": "Hello Tokyo!",
                "ScheduledTime": "2024-01-02T03:04:05.1Z", "Timestamp": "2024-01-02T03:04:06.2345678Z" },
              { "EventType": "ExecutionCompleted", "OrchestrationStatus": "Completed", "Result": ["Hello Tokyo!"], "Timestamp": "2024-01-02T03:04:06.5Z" }
            ]
            """,
            rows);
    }

    [Fact]
    public void Shape_AnyHistory_RowsStartWithEventTypeAndEndWithTimestampWithoutEventId()
    {
        var rows = HistoryShaper.Shape(AllKinds(), showInput: true, showHistoryOutput: true);

        Assert.All(rows, row =>
        {
            var names = row!.AsObject().Select(p => p.Key).ToList();
            Assert.Equal("EventType", names[0]);
            Assert.Equal("Timestamp", names[^1]);
            Assert.DoesNotContain("EventId", names);
            Assert.DoesNotContain("IsPlayed", names);
            Assert.DoesNotContain("TaskScheduledId", names);
            Assert.DoesNotContain("TimerId", names);
        });
    }

    [Fact]
    public void Shape_EpisodeMarkers_AreRemoved()
    {
        var rows = HistoryShaper.Shape([Ev(EventType.OrchestratorStarted, 0), Ev(EventType.OrchestratorCompleted, 1)], true, true);

        Assert.Empty(rows);
    }

    [Fact]
    public void Shape_WithoutShowHistoryOutput_OmitsEveryResult()
    {
        var rows = HistoryShaper.Shape(AllKinds(), showInput: true, showHistoryOutput: false);

        Assert.All(rows, row => Assert.False(row!.AsObject().ContainsKey("Result")));
    }

    [Fact]
    public void Shape_WithoutShowInput_OmitsEveryInputIncludingMergedOnes()
    {
        var rows = HistoryShaper.Shape(AllKinds(), showInput: false, showHistoryOutput: true);

        Assert.All(rows, row => Assert.False(row!.AsObject().ContainsKey("Input")));
        Assert.Contains(rows, row => (string?)row!["FunctionName"] == "SayHello");
    }

    [Fact]
    public void Shape_ResultThatIsNotJson_IsWrittenAsString()
    {
        var rows = HistoryShaper.Shape(
            [
                Ev(EventType.TaskScheduled, 0) with { EventId = 3, Name = "A" },
                Ev(EventType.TaskCompleted, 1) with { TaskScheduledId = 3, Result = "not json" },
            ],
            true,
            true);

        Assert.Equal("not json", (string?)rows.Single()!["Result"]);
    }

    [Fact]
    public void Shape_TaskFailed_MergesScheduledRowAndKeepsReasonAndFailureDetails()
    {
        var failure = new FailureDetails("System.InvalidOperationException", "boom", "at X", new FailureDetails("System.IO.IOException", "disk"));
        var rows = HistoryShaper.Shape(
            [
                Ev(EventType.TaskScheduled, 0) with { EventId = 1, Name = "Flaky", Input = "42" },
                Ev(EventType.TaskFailed, 2) with { TaskScheduledId = 1, FailureDetails = failure },
            ],
            true,
            true);

        TestJson.Equal(
            """
            [{ "EventType": "TaskFailed", "FunctionName": "Flaky", "Input": "42", "Reason": "boom", "Details": null,
               "FailureDetails": { "ErrorType": "System.InvalidOperationException", "ErrorMessage": "boom", "StackTrace": "at X",
                 "InnerFailure": { "ErrorType": "System.IO.IOException", "ErrorMessage": "disk", "StackTrace": null, "InnerFailure": null, "IsNonRetriable": false },
                 "IsNonRetriable": false },
               "ScheduledTime": "2024-01-02T03:04:05Z", "Timestamp": "2024-01-02T03:04:07Z" }]
            """,
            rows);
    }

    [Fact]
    public void Shape_InFlightCalls_KeepTheirScheduledRows()
    {
        var rows = HistoryShaper.Shape(
            [
                Ev(EventType.TaskScheduled, 0) with { EventId = 0, Name = "Slow", Input = "1" },
                Ev(EventType.SubOrchestrationInstanceCreated, 0) with { EventId = 1, Name = "Child", InstanceId = "child-1", Input = "2" },
            ],
            true,
            true);

        TestJson.Equal(
            """
            [
              { "EventType": "TaskScheduled", "Name": "Slow", "Input": "1", "Timestamp": "2024-01-02T03:04:05Z" },
              { "EventType": "SubOrchestrationInstanceCreated", "Name": "Child", "InstanceId": "child-1", "Input": "2", "Timestamp": "2024-01-02T03:04:05Z" }
            ]
            """,
            rows);
    }

    [Fact]
    public void Shape_RetriedCall_PairsEachAttemptWithTheAnswerThatFollowsIt()
    {
        var failure = new FailureDetails("System.TimeoutException", "slow");
        HistoryEvent[] history =
        [
            Ev(EventType.TaskScheduled, 0) with { EventId = 2, Name = "Fetch", Input = "\"u\"", Attempt = 1 },
            Ev(EventType.TaskFailed, 1) with { TaskScheduledId = 2, FailureDetails = failure },
            Ev(EventType.TimerCreated, 1) with { EventId = 2, FireAt = _t0.AddSeconds(3), IsRetryTimer = true },
            Ev(EventType.TimerFired, 3) with { TimerId = 2, FireAt = _t0.AddSeconds(3), IsRetryTimer = true },
            Ev(EventType.TaskScheduled, 3) with { EventId = 2, Name = "Fetch", Input = "\"u\"", Attempt = 2 },
            Ev(EventType.TaskCompleted, 4) with { TaskScheduledId = 2, Result = "\"ok\"" },
        ];

        var rows = HistoryShaper.Shape(history, showInput: false, showHistoryOutput: true);

        TestJson.Equal(
            """
            [
              { "EventType": "TaskFailed", "FunctionName": "Fetch", "Attempt": 1, "Reason": "slow", "Details": null,
                "FailureDetails": { "ErrorType": "System.TimeoutException", "ErrorMessage": "slow", "StackTrace": null, "InnerFailure": null, "IsNonRetriable": false },
                "ScheduledTime": "2024-01-02T03:04:05Z", "Timestamp": "2024-01-02T03:04:06Z" },
              { "EventType": "TimerCreated", "FireAt": "2024-01-02T03:04:08Z", "IsRetryTimer": true, "Timestamp": "2024-01-02T03:04:06Z" },
              { "EventType": "TimerFired", "FireAt": "2024-01-02T03:04:08Z", "IsRetryTimer": true, "Timestamp": "2024-01-02T03:04:08Z" },
              { "EventType": "TaskCompleted", "FunctionName": "Fetch", "Attempt": 2, "Result": "ok", "ScheduledTime": "2024-01-02T03:04:08Z", "Timestamp": "2024-01-02T03:04:09Z" }
            ]
            """,
            rows);
    }

    [Fact]
    public void Shape_SubOrchestration_MergedLikeActivities()
    {
        var rows = HistoryShaper.Shape(
            [
                Ev(EventType.SubOrchestrationInstanceCreated, 0) with { EventId = 4, Name = "Child", InstanceId = "c", Input = "{\"a\":1}" },
                Ev(EventType.SubOrchestrationInstanceCompleted, 2) with { TaskScheduledId = 4, Result = "{\"b\":2}" },
                Ev(EventType.SubOrchestrationInstanceCreated, 3) with { EventId = 5, Name = "Child", InstanceId = "d" },
                Ev(EventType.SubOrchestrationInstanceFailed, 4) with { TaskScheduledId = 5, Reason = "child failed" },
            ],
            true,
            true);

        TestJson.Equal(
            """
            [
              { "EventType": "SubOrchestrationInstanceCompleted", "FunctionName": "Child", "Input": "{\"a\":1}", "Result": { "b": 2 },
                "ScheduledTime": "2024-01-02T03:04:05Z", "Timestamp": "2024-01-02T03:04:07Z" },
              { "EventType": "SubOrchestrationInstanceFailed", "FunctionName": "Child", "Input": null, "Reason": "child failed", "Details": null,
                "ScheduledTime": "2024-01-02T03:04:08Z", "Timestamp": "2024-01-02T03:04:09Z" }
            ]
            """,
            rows);
    }

    [Fact]
    public void Shape_AnswerWithoutScheduledRow_KeptWithoutMergedFields()
    {
        var rows = HistoryShaper.Shape([Ev(EventType.TaskCompleted, 1) with { TaskScheduledId = 9, Result = "1" }], true, true);

        TestJson.Equal("""[{ "EventType": "TaskCompleted", "Result": 1, "Timestamp": "2024-01-02T03:04:06Z" }]""", rows);
    }

    [Fact]
    public void Shape_MessagesAndControlEvents_KeepTheirDtfxFields()
    {
        var rows = HistoryShaper.Shape(
            [
                Ev(EventType.EventRaised, 1) with { Name = "Approve", Input = "true" },
                Ev(EventType.EventSent, 2) with { InstanceId = "other", Name = "Ping", Input = "null" },
                Ev(EventType.ExecutionSuspended, 3) with { Reason = "pause" },
                Ev(EventType.ExecutionResumed, 4) with { Reason = "go" },
                Ev(EventType.ExecutionTerminated, 5) with { Input = "\"stop\"" },
                Ev(EventType.ExecutionRewound, 6) with { Reason = "again" },
                Ev(EventType.GenericEvent, 7) with { Input = "data" },
            ],
            true,
            true);

        TestJson.Equal(
            """
            [
              { "EventType": "EventRaised", "Name": "Approve", "Input": "true", "Timestamp": "2024-01-02T03:04:06Z" },
              { "EventType": "EventSent", "InstanceId": "other", "Name": "Ping", "Input": "null", "Timestamp": "2024-01-02T03:04:07Z" },
              { "EventType": "ExecutionSuspended", "Reason": "pause", "Timestamp": "2024-01-02T03:04:08Z" },
              { "EventType": "ExecutionResumed", "Reason": "go", "Timestamp": "2024-01-02T03:04:09Z" },
              { "EventType": "ExecutionTerminated", "Input": "\"stop\"", "Timestamp": "2024-01-02T03:04:10Z" },
              { "EventType": "ExecutionRewound", "Reason": "again", "Timestamp": "2024-01-02T03:04:11Z" },
              { "EventType": "GenericEvent", "Data": "data", "Timestamp": "2024-01-02T03:04:12Z" }
            ]
            """,
            rows);
    }

    [Fact]
    public void Shape_FailedExecution_KeepsStatusNameAndFailureDetails()
    {
        var rows = HistoryShaper.Shape(
            [Ev(EventType.ExecutionCompleted, 1) with { OrchestrationStatus = OrchestrationRuntimeStatus.Failed, FailureDetails = new("E", "m") }],
            true,
            false);

        TestJson.Equal(
            """
            [{ "EventType": "ExecutionCompleted", "OrchestrationStatus": "Failed",
               "FailureDetails": { "ErrorType": "E", "ErrorMessage": "m", "StackTrace": null, "InnerFailure": null, "IsNonRetriable": false },
               "Timestamp": "2024-01-02T03:04:06Z" }]
            """,
            rows);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Shape_Timestamps_AreUtcWithTrailingZerosTrimmed(DateTimeKind kind)
    {
        var at = DateTime.SpecifyKind(_t0.AddTicks(1_230_000), kind);
        var rows = HistoryShaper.Shape([new HistoryEvent { EventType = EventType.TimerFired, Timestamp = at, FireAt = at }], true, true);

        Assert.Equal("2024-01-02T03:04:05.123Z", (string?)rows.Single()!["Timestamp"]);
        Assert.Equal("2024-01-02T03:04:05.123Z", (string?)rows.Single()!["FireAt"]);
    }

    private static HistoryEvent Ev(EventType type, double seconds) => new() { EventType = type, Timestamp = _t0.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)) };

    private static HistoryEvent[] AllKinds() =>
    [
        Ev(EventType.OrchestratorStarted, 0),
        Ev(EventType.ExecutionStarted, 0) with { Name = "Hello", Input = "1" },
        Ev(EventType.TaskScheduled, 0) with { EventId = 0, Name = "SayHello", Input = "2" },
        Ev(EventType.TimerCreated, 0) with { EventId = 1, FireAt = _t0.AddMinutes(1) },
        Ev(EventType.SubOrchestrationInstanceCreated, 0) with { EventId = 2, Name = "Child", InstanceId = "c", Input = "3" },
        Ev(EventType.TaskScheduled, 0) with { EventId = 3, Name = "Pending", Input = "4" },
        Ev(EventType.OrchestratorCompleted, 0),
        Ev(EventType.TaskCompleted, 1) with { TaskScheduledId = 0, Result = "5" },
        Ev(EventType.TimerFired, 1) with { TimerId = 1, FireAt = _t0.AddMinutes(1) },
        Ev(EventType.SubOrchestrationInstanceCompleted, 1) with { TaskScheduledId = 2, Result = "6" },
        Ev(EventType.EventRaised, 1) with { Name = "E", Input = "7" },
        Ev(EventType.ExecutionTerminated, 1) with { Input = "\"why\"" },
        Ev(EventType.ExecutionCompleted, 2) with { OrchestrationStatus = OrchestrationRuntimeStatus.Terminated, Result = "\"why\"" },
    ];
}
