using System.Text;

namespace AgentFlows.Host.Tests.Processes;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the host exports its spans and metrics by OTLP and flushes them when it stops.</summary>
public sealed class OtlpExportTests : IDisposable
{
    private readonly TempContentRoot _root = new();

    [Fact]
    public async Task Sigterm_AfterARun_TheRunsSpansAndMetricsWereExported()
    {
        await using var receiver = await FakeOtlpReceiver.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "agentflows-test",
        };
        await using var host = await HostProcess.StartAsync(_root.Path, settings);
        using var http = host.CreateClient(TestTimeouts.Request);
        var runId = await http.StartRunAsync("calculate 1+1 then calculate {step_1_output} * 21");
        var events = await EventStreams.ReadNdjsonAsync(http, $"/api/runs/{runId}/events");

        // The batch exporter sends every 5 s; stopping right away shows the flush on shutdown sends the rest.
        host.Terminate();
        await host.WaitForExitAsync();

        Assert.Equal("run.completed", events[^1].Type());
        var traces = receiver.Exports.Where(e => e.Path == "/v1/traces").Select(e => Encoding.UTF8.GetString(e.Body)).ToList();
        Assert.Contains(traces, t => t.Contains(runId, StringComparison.Ordinal) && t.Contains("activity calculator", StringComparison.Ordinal));
        Assert.Contains(traces, t => t.Contains("agentflows-test", StringComparison.Ordinal));
        Assert.Contains(receiver.Exports, e => e.Path == "/v1/metrics" && Encoding.UTF8.GetString(e.Body).Contains("agentflows.activity.duration", StringComparison.Ordinal));
    }

    public void Dispose() => _root.Dispose();
}
