using System.Net;

namespace AgentFlows.Host.Tests.Runs;

/// <summary>The agent layer's acceptance scenarios through the run API, on the real host over SQLite.</summary>
public sealed class RunScenarioTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    [Fact]
    public async Task PostRun_CalculateThenAddTodo_CompletesWith12AndStoresTodo()
    {
        var runId = await _http.StartRunAsync("calculate sqrt(16) + 2^3 then add a todo \"check {step_1_output}\" priority high");

        var done = await factory.CompletionAsync(runId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var view = await _http.GetRunAsync(runId);
        Assert.Equal("Completed", view["status"]!.GetValue<string>());
        Assert.Equal("pattern", view["planner"]!.GetValue<string>());
        Assert.Equal(12, view.Step("step_1")["output"]!.GetValue<double>());
        var todoId = view.Step("step_2")["output"]!["id"]!.GetValue<string>();
        var todo = await _http.ApiGetAsync("/api/todos/" + todoId);
        Assert.Equal(HttpStatusCode.OK, todo.Status);
        Assert.Equal("check 12", todo.Object["title"]!.GetValue<string>());
        Assert.Equal("high", todo.Object["priority"]!.GetValue<string>());
        var listed = await _http.ApiGetAsync("/api/todos?q=check%2012");
        Assert.Contains(listed.Object["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == todoId);
    }

    [Fact]
    public async Task PostRun_ThreeIndependentCalculations_StepTimeWindowsOverlap()
    {
        var runId = await _http.StartRunAsync("calculate 2+2 and calculate 3*3 and calculate 10/4");

        await factory.CompletionAsync(runId);

        var view = await _http.GetRunAsync(runId);
        var steps = view["plan"]!["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(3, steps.Count);
        Assert.All(steps, s => Assert.Empty(s["dependsOn"]!.AsArray()));
        Assert.Equal([4.0, 9.0, 2.5], steps.Select(s => s["output"]!.GetValue<double>()));
        var latestStart = steps.Max(s => s["startedAt"]!.GetValue<DateTimeOffset>());
        var earliestEnd = steps.Min(s => s["completedAt"]!.GetValue<DateTimeOffset>());
        Assert.True(latestStart < earliestEnd, $"Every step started ({latestStart:O}) before any completed ({earliestEnd:O}).");
    }

    [Fact]
    public async Task Rewind_AfterMissingTodoIsAdded_CompletesWithoutRerunningSucceededSteps()
    {
        var title = "rewind-" + Guid.NewGuid().ToString("N")[..8];
        var runId = await _http.StartRunAsync($"calculate 6*7 then add a todo \"other {{step_1_output}}\" then complete todo \"{title}\"");

        var failed = await factory.CompletionAsync(runId);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        var before = await _http.GetRunAsync(runId);
        Assert.Equal("Failed", before["status"]!.GetValue<string>());
        Assert.Equal("failed", before.Step("step_3")["status"]!.GetValue<string>());
        Assert.Contains(title, before.Step("step_3")["error"]!.GetValue<string>(), StringComparison.Ordinal);

        var added = await _http.ApiPostAsync("/api/todos", new JsonObject { ["title"] = title }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, added.Status);
        var rewind = await _http.ApiPostAsync($"/api/runs/{runId}/rewind", null);
        Assert.Equal(HttpStatusCode.Accepted, rewind.Status);
        var completed = await factory.UntilAsync(runId, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        var after = await _http.GetRunAsync(runId);
        Assert.Equal(1, after.Step("step_1")["attempts"]!.GetValue<int>());
        Assert.Equal(1, after.Step("step_2")["attempts"]!.GetValue<int>());
        Assert.Equal(2, after.Step("step_3")["attempts"]!.GetValue<int>());
        Assert.Equal("completed", after.Step("step_3")["status"]!.GetValue<string>());
        Assert.True(after.Step("step_3")["output"]!["done"]!.GetValue<bool>());
        var others = await _http.ApiGetAsync("/api/todos?q=other%2042");
        Assert.Equal(1, others.Object["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cancel_RunningRun_EndsCanceledAndASecondCancelIsConflict()
    {
        var runId = await _http.StartRunAsync("wait 30 seconds then calculate 1+1");
        await factory.UntilAsync(runId, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var cancel = await _http.ApiPostAsync($"/api/runs/{runId}/cancel", "{\"reason\":\"no longer needed\"}");
        Assert.Equal(HttpStatusCode.Accepted, cancel.Status);
        Assert.Equal("/api/runs/" + runId, cancel.Headers.Location?.OriginalString);
        await factory.CompletionAsync(runId);

        var view = await _http.GetRunAsync(runId);
        Assert.Equal("Canceled", view["status"]!.GetValue<string>());
        Assert.Contains("no longer needed", view["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var again = await _http.ApiPostAsync($"/api/runs/{runId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("https://agentflows.dev/problems/run-state-conflict", again.ProblemType);
    }

    [Fact]
    public async Task PostRun_SameRunIdTwice_ReturnsTheExistingRunAndStartsNoSecond()
    {
        var runId = "idem-" + Guid.NewGuid().ToString("N");
        var first = await _http.ApiPostAsync("/api/runs", new JsonObject { ["prompt"] = "calculate 1+2", ["runId"] = runId }.ToJsonString());
        await factory.CompletionAsync(runId);

        var second = await _http.ApiPostAsync("/api/runs", new JsonObject { ["prompt"] = "calculate 5+5", ["runId"] = runId }.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(runId, second.Object["runId"]!.GetValue<string>());
        Assert.Equal("/api/runs/" + runId, second.Headers.Location?.OriginalString);
        Assert.Equal(first.Object["statusQueryGetUri"]!.GetValue<string>(), second.Object["statusQueryGetUri"]!.GetValue<string>());
        var view = await _http.GetRunAsync(runId);
        Assert.Equal("calculate 1+2", view["prompt"]!.GetValue<string>());
        Assert.Equal(3, view["result"]!.GetValue<double>());
        var page = await factory.Durable.QueryInstancesAsync(new AgentFlows.Client.OrchestrationQuery { InstanceIdPrefix = runId });
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task PostRun_Accepted_BodyHasLinksAndTheNineManagementUris()
    {
        var response = await _http.ApiPostAsync("/api/runs", "{\"prompt\":\"calculate 1+1\"}");

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        var body = response.Object;
        var runId = body["runId"]!.GetValue<string>();
        Assert.Equal("/api/runs/" + runId, response.Headers.Location?.OriginalString);
        Assert.Contains(body["status"]!.GetValue<string>(), new[] { "Pending", "Running", "Completed" });
        var links = body["links"]!.AsObject();
        Assert.Equal($"/api/runs/{runId}", links["self"]!.GetValue<string>());
        foreach (var (name, suffix) in new[] { ("events", "/events"), ("cancel", "/cancel"), ("rewind", "/rewind"), ("approve", "/approve") })
        {
            Assert.Equal($"/api/runs/{runId}{suffix}", links[name]!.GetValue<string>());
        }

        Assert.Equal(runId, body["id"]!.GetValue<string>());
        foreach (var uri in new[] { "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "rewindPostUri", "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri" })
        {
            Assert.Contains("/runtime/webhooks/durabletask/instances/" + runId, body[uri]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await factory.CompletionAsync(runId);
    }

    [Fact]
    public async Task Delete_CompletedRun_PurgesItAndARunningRunIsConflict()
    {
        var done = await _http.StartRunAsync("calculate 2*21");
        await factory.CompletionAsync(done);
        var running = await _http.StartRunAsync("wait 30 seconds");
        await factory.UntilAsync(running, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var deleted = await _http.ApiDeleteAsync("/api/runs/" + done);
        var refused = await _http.ApiDeleteAsync("/api/runs/" + running);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.ApiGetAsync("/api/runs/" + done)).Status);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("Running", (await _http.GetRunAsync(running))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, (await _http.ApiPostAsync($"/api/runs/{running}/cancel", null)).Status);
        await factory.CompletionAsync(running);
    }
}
