using AgentFlows.Agents.Llm.Tests.Fakes;
using System.Diagnostics;

namespace AgentFlows.Host.Tests.Processes;

/// <summary>
/// SIGTERM mid-run: the host stops taking work, lets in-flight work finish for its grace period, then cancels and
/// gives back what it holds, so a second host on the same SQLite file continues at once rather than after the lease.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly TempContentRoot _root = new();

    [Fact]
    public async Task Sigterm_ActivityInFlightPastTheGracePeriod_SecondHostFinishesTheRunWithoutWaitingForTheLease()
    {
        // The first summary request hangs (until its caller goes away); later ones answer at once.
        await using var llm = await FakeOpenAIServer.StartAsync();
        llm.Enqueue(FakeReply.Hang());
        llm.Default = _ => FakeReply.Text("a short summary");
        var settings = new Dictionary<string, string>
        {
            ["AgentFlows__Llm__Endpoint"] = llm.BaseUrl.ToString(),
            ["AgentFlows__Llm__Model"] = "test-model",
            ["AgentFlows__Llm__ApiKey"] = "test-llm-key-0123456789",
            ["AgentFlows__Llm__Resilience__MaxRetryAttempts"] = "0",
            ["AgentFlows__Shutdown__GracePeriodSeconds"] = "1",
        };
        await using var first = await HostProcess.StartAsync(_root.Path, settings);
        using var http = first.CreateClient(TestTimeouts.Request);
        var runId = await http.StartRunAsync(new JsonObject
        {
            ["prompt"] = "add, summarize, add",
            ["plan"] = new JsonObject
            {
                ["steps"] = new JsonArray(
                    Step("s1", "calculator", new JsonObject { ["expression"] = "1+1" }),
                    Step("s2", "llm.summarize", new JsonObject { ["text"] = "the answer is {steps.s1.output}" }),
                    Step("s3", "calculator", new JsonObject { ["expression"] = "{steps.s1.output} + 40" })),
            },
        });
        await llm.WaitForRequestsAsync(1);
        await using var second = await HostProcess.StartAsync(_root.Path, settings);

        // The summary is still in flight on the first host: SIGTERM it, as a container runtime or systemd would.
        first.Terminate();
        await first.WaitForExitAsync();
        var stoppedAt = Stopwatch.GetTimestamp();
        using var client = second.CreateClient(TestTimeouts.Request);
        var events = await EventStreams.ReadNdjsonAsync(client, $"/api/runs/{runId}/events");
        var continuedWithin = Stopwatch.GetElapsedTime(stoppedAt);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains(first.Output, l => l.Contains("Durable worker", StringComparison.Ordinal) && l.Contains("stopped", StringComparison.Ordinal));
        Assert.Equal("run.completed", events[^1].Type());
        Assert.Equal(42, events[^1]["data"]!["result"]!.GetValue<double>());
        Assert.Equal(["s1", "s2", "s3"], events.Where(e => e.Type() == "step.completed").Select(e => e["stepId"]!.GetValue<string>()).Order());
        Assert.Equal(2, llm.RequestCount);

        // Given back, not failed: the second host ran the same attempt again; no retry was recorded.
        Assert.DoesNotContain(events, e => e.Type() is "step.retrying" or "step.failed");
        Assert.Equal(1, (await client.GetRunAsync(runId)).Step("s2")["attempts"]!.GetValue<int>());

        // The activity lease is 60 s: a host that waited for it to run out could not have finished this soon.
        Assert.True(continuedWithin < TimeSpan.FromSeconds(20), $"the second host finished the run {continuedWithin} after the first stopped");
    }

    public void Dispose() => _root.Dispose();

    private static JsonObject Step(string id, string tool, JsonObject args) => new() { ["id"] = id, ["tool"] = tool, ["args"] = args };
}
