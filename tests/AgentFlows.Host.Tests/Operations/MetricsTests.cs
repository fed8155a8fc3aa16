using System.Net;
using AgentFlows.Host.Operations.Metrics;

namespace AgentFlows.Host.Tests.Operations;

/// <summary><c>GET /metrics</c>: valid Prometheus text whose counters move with the runs.</summary>
public sealed class MetricsTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    [Fact]
    public async Task Metrics_AfterRuns_ParseAsPrometheusTextAndTheCountersMoved()
    {
        using var http = factory.CreateApiClient();
        var before = await ScrapeAsync(http);
        var ok = await http.StartRunAsync("calculate 1+1 then calculate {step_1_output} * 3");
        var failed = await http.StartRunAsync(new JsonObject
        {
            ["prompt"] = "complete a todo that is not there",
            ["plan"] = new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["id"] = "s1", ["tool"] = "todo.complete", ["args"] = new JsonObject { ["id"] = "404" } }) },
        });
        await factory.CompletionAsync(ok);
        await factory.CompletionAsync(failed);

        var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var after = PrometheusParser.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("histogram", after.Types["agentflows_activity_duration_seconds"]);
        Assert.Equal("counter", after.Types["agentflows_activity_errors_total"]);
        Assert.Equal("gauge", after.Types["agentflows_queue_pending"]);
        Assert.True(Delta(before, after, "agentflows_orchestration_started_total", ("orchestration", "AgentRun")) >= 2);
        Assert.True(Delta(before, after, "agentflows_orchestration_completed_total", ("orchestration", "AgentRun"), ("status", "Completed")) >= 1);
        Assert.True(Delta(before, after, "agentflows_orchestration_completed_total", ("orchestration", "AgentRun"), ("status", "Failed")) >= 1);
        Assert.True(Delta(before, after, "agentflows_activity_executions_total", ("activity", "calculator"), ("outcome", "completed")) >= 2);
        Assert.True(Delta(before, after, "agentflows_activity_errors_total", ("activity", "todo.complete")) >= 1);
        Assert.True(Delta(before, after, "agentflows_activity_duration_seconds_count", ("activity", "calculator"), ("outcome", "completed")) >= 2);
        Assert.Equal("counter", after.Types["agentflows_tool_calls_total"]);
        Assert.Equal("histogram", after.Types["agentflows_tool_duration_seconds"]);
        Assert.True(Delta(before, after, "agentflows_tool_calls_total", ("tool", "calculator")) >= 2);
        Assert.True(Delta(before, after, "agentflows_tool_errors_total", ("tool", "todo.complete")) >= 1);
        Assert.True(Delta(before, after, "agentflows_tool_duration_seconds_count", ("tool", "calculator")) >= 2);
        Assert.True(Delta(before, after, "agentflows_orchestration_episodes_total", ("orchestration", "AgentRun"), ("outcome", "committed")) >= 4);
        Assert.True(Delta(before, after, "agentflows_http_requests_total", ("method", "POST"), ("route", "/api/runs"), ("status", "202")) >= 2);
        var p95 = after.Samples.Single(s => s.Name == "agentflows_activity_duration_seconds_quantile" && s.Labels["activity"] == "calculator" && s.Labels["outcome"] == "completed" && s.Labels["quantile"] == "0.95");
        Assert.InRange(p95.Value, 0, 300);
    }

    [Fact]
    public void Write_LabelValuesWithQuotesBackslashesAndNewlines_ParseBackUnchanged()
    {
        var value = "a \"quoted\" \\ back\nslash";
        var family = new MetricFamily("agentflows_test_total", "counter", "A test\nfamily.", [new MetricSample("agentflows_test_total", [new("tool", value)], 1.5)]);

        var parsed = PrometheusParser.Parse(PrometheusText.Write([family]));

        Assert.Equal(value, parsed.Samples.Single().Labels["tool"]);
        Assert.Equal(1.5, parsed.Samples.Single().Value);
    }

    [Theory]
    [InlineData(0.5, 0.75)]
    [InlineData(0.25, 0.5)]
    [InlineData(1.0, 2.0)]
    public void Quantile_FromBuckets_InterpolatesInsideTheBucket(double q, double expected)
    {
        // Bounds 0.5, 1, 2: one measurement at most 0.5, two in (0.5, 1], one in (1, 2].
        var estimate = MetricsCollector.Quantile(q, [0.5, 1, 2], [1, 2, 1, 0]);

        Assert.Equal(expected, estimate, 6);
    }

    [Fact]
    public void Quantile_NoMeasurement_IsNaN()
    {
        Assert.True(double.IsNaN(MetricsCollector.Quantile(0.5, [1, 2], [0, 0, 0])));
    }

    private static async Task<(IReadOnlyDictionary<string, string> Types, IReadOnlyList<PromSample> Samples)> ScrapeAsync(HttpClient http)
    {
        var response = await http.ApiGetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return PrometheusParser.Parse(response.Text);
    }

    private static double Delta(
        (IReadOnlyDictionary<string, string> Types, IReadOnlyList<PromSample> Samples) before,
        (IReadOnlyDictionary<string, string> Types, IReadOnlyList<PromSample> Samples) after,
        string name,
        params (string Key, string Value)[] labels)
    {
        double Sum(IReadOnlyList<PromSample> samples) => samples
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Sum(s => s.Value);
        return Sum(after.Samples) - Sum(before.Samples);
    }
}
