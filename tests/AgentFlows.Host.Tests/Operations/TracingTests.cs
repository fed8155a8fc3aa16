using System.Collections.Concurrent;
using System.Diagnostics;

namespace AgentFlows.Host.Tests.Operations;

/// <summary>One run is one trace: the request that started it, every episode and every activity, across a host restart.</summary>
public sealed class TracingTests : IDisposable
{
    private readonly TempContentRoot _root = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "AgentFlows.Runtime" or "AgentFlows.Host",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Spans_OfOneRunAcrossAHostRestart_ShareTheTraceOfTheRequestThatStartedIt()
    {
        string runId;
        await using (var first = new SharedRootFactory(_root))
        {
            using var http = first.CreateApiClient();
            runId = await http.StartRunAsync("calculate 20+1 then wait 1 seconds then calculate {step_1_output} * 2");
            await EventStreams.ReadNdjsonAsync(http, $"/api/runs/{runId}/events", stopAfter: e => e.Type() == "step.started" && e["stepId"]?.GetValue<string>() == "step_2");
        }

        var beforeRestart = RunSpans(runId).Count;
        await using (var second = new SharedRootFactory(_root))
        {
            _ = second.CreateApiClient();
            var done = await second.CompletionAsync(runId);
            Assert.Equal(AgentFlows.OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        }

        var start = _spans.Single(s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("url.path") == "/api/runs" && s.TraceId == RunSpans(runId)[0].TraceId);
        var spans = RunSpans(runId);
        Assert.All(spans, s => Assert.Equal(start.TraceId, s.TraceId));
        Assert.Contains(spans, s => s.OperationName == "activity calculator");
        Assert.Equal(2, spans.Count(s => s.OperationName == "activity calculator"));
        Assert.True(spans.Count > beforeRestart, "the second host recorded spans of the run");
        Assert.Contains(spans.Skip(beforeRestart), s => s.OperationName == "orchestration AgentRun" && (bool?)s.GetTagItem("agentflows.replayed") == true);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _root.Dispose();
    }

    private List<Activity> RunSpans(string runId) => [.. _spans.Where(s => (string?)s.GetTagItem("agentflows.instance_id") == runId)];
}
