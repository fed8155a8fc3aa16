namespace AgentFlows.Host.Tests.Processes;

/// <summary>
/// "clean data … until clean" on the real host, killed with SIGKILL in the middle of round 2 and restarted on the same
/// database: the lifecycle resumes inside round 2, and nothing of round 1 runs again.
/// </summary>
public sealed class DataLifecycleRestartTests : IDisposable
{
    private readonly TempContentRoot _root = new();

    // Each apply step pauses this long (a test-only setting), so the kill lands inside round 2's apply.
    private readonly Dictionary<string, string> _slowApply = new() { ["AgentFlows__Data__LifecycleApplyDelayMilliseconds"] = "1500" };

    [Fact]
    public async Task Lifecycle_HostKilledMidRound_ResumesThatRoundWithoutRerunningCompletedRounds()
    {
        // The samples folder at the content root is copied into the data folder at start-up, so the path resolves.
        Directory.CreateDirectory(Path.Combine(_root.Path, "samples"));
        File.Copy(Path.Combine(RepoPaths.Root, "samples", "messy.csv"), Path.Combine(_root.Path, "samples", "messy.csv"));
        var plan = JsonNode.Parse("""{"steps":[{"id":"clean","tool":"data.lifecycle","args":{"path":"samples/messy.csv","maxRounds":2,"checks":["rowCount"],"minRows":1000}}]}""");
        var work = Path.Combine(_root.Path, ".agentflows", "data", "runs");
        string runId;
        DateTime round0, round1;
        await using (var first = await HostProcess.StartAsync(_root.Path, _slowApply))
        {
            using var http = first.CreateClient(TestTimeouts.Request);
            runId = await http.StartRunAsync(new JsonObject { ["prompt"] = "clean data samples/messy.csv until clean", ["plan"] = plan });
            await UntilStageAsync(http, $"{runId}:clean", round: 2, stage: "plan");
            work = Path.Combine(work, runId, "clean");
            (round0, round1) = (File.GetLastWriteTimeUtc(Path.Combine(work, "round-0.csv")), File.GetLastWriteTimeUtc(Path.Combine(work, "round-1.csv")));
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(_root.Path, _slowApply);
        using var client = second.CreateClient(TestTimeouts.Request);
        var view = await UntilEndedAsync(client, runId);

        Assert.Equal("Completed", view["status"]!.GetValue<string>());
        var output = view["plan"]!["steps"]![0]!["output"]!;
        Assert.Equal(2, output["rounds"]!.AsArray().Count);
        Assert.Equal("samples/messy.cleaned.csv", output["path"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(work, "round-2.csv")));
        Assert.Equal(round0, File.GetLastWriteTimeUtc(Path.Combine(work, "round-0.csv")));
        Assert.Equal(round1, File.GetLastWriteTimeUtc(Path.Combine(work, "round-1.csv")));

        // Each step of the lifecycle completed once: replay after the restart re-ran none of round 1.
        var history = (await client.ApiGetAsync($"/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(runId + ":clean")}?showHistory=true")).Object["historyEvents"]!.AsArray();
        var scheduled = history.Where(e => e!["EventType"]?.GetValue<string>() == "TaskCompleted").Select(e => e!["FunctionName"]!.GetValue<string>()).ToList();
        Assert.Equal(1, scheduled.Count(n => n == "data.lifecycle.load"));
        Assert.Equal(2, scheduled.Count(n => n == "data.lifecycle.apply"));
        Assert.Equal(2, scheduled.Count(n => n == "data.lifecycle.validate"));
        Assert.Equal(1, scheduled.Count(n => n == "data.lifecycle.publish"));
    }

    public void Dispose() => _root.Dispose();

    private static async Task UntilStageAsync(HttpClient http, string childId, int round, string stage)
    {
        using var timeout = TestTimeouts.ForRun();
        while (true)
        {
            // Round N's apply is under way once its plan step has completed (history rows name completed steps).
            var status = await http.ApiGetAsync($"/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(childId)}?showHistory=true");
            var history = status.Status == System.Net.HttpStatusCode.OK ? status.Object["historyEvents"] as JsonArray : null;
            if (history?.Count(e => e?["EventType"]?.GetValue<string>() == "TaskCompleted" && e["FunctionName"]?.GetValue<string>() == "data.lifecycle." + stage) == round)
            {
                return;
            }

            Assert.False(timeout.IsCancellationRequested, "The lifecycle never reached the stage; last status: " + status);
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static async Task<JsonObject> UntilEndedAsync(HttpClient http, string runId)
    {
        using var timeout = TestTimeouts.ForRun();
        while (true)
        {
            var view = await http.GetRunAsync(runId);
            if (view["status"]!.GetValue<string>() is "Completed" or "Failed")
            {
                return view;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
