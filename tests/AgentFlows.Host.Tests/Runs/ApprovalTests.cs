using System.Net;

namespace AgentFlows.Host.Tests.Runs;

/// <summary><c>onStepFailure: "ask"</c>: a failing step waits for a decision while independent steps go on.</summary>
public sealed class ApprovalTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    [Fact]
    public async Task FailingStep_WithAsk_WaitsForApprovalWhileIndependentBranchCompletes()
    {
        var (runId, _) = await StartAsync();

        var view = await factory.UntilViewAsync(_http, runId, v => v.Step("branch_calc")["status"]!.GetValue<string>() == "completed");

        Assert.Equal("WaitingForApproval", view["status"]!.GetValue<string>());
        Assert.Equal("waitingForApproval", view.Step("risky")["status"]!.GetValue<string>());
        Assert.Equal("completed", view.Step("branch_wait")["status"]!.GetValue<string>());
        Assert.Equal("pending", view.Step("after")["status"]!.GetValue<string>());
        await _http.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"abort\"}");
        await factory.CompletionAsync(runId);
    }

    [Fact]
    public async Task Approve_Skip_SkipsTheStepAndTheRunCompletes()
    {
        var (runId, _) = await StartAsync();
        await factory.WaitingForApprovalAsync(runId);

        var approve = await _http.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"skip\",\"note\":\"not needed\"}");
        var done = await factory.CompletionAsync(runId);

        Assert.Equal(HttpStatusCode.Accepted, approve.Status);
        Assert.Equal(["risky"], approve.Object["steps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var view = await _http.GetRunAsync(runId);
        Assert.Equal("skipped", view.Step("risky")["status"]!.GetValue<string>());
        Assert.Equal("completed", view.Step("after")["status"]!.GetValue<string>());
        Assert.Equal("completed", view.Step("branch_calc")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approve_RetryAfterFixingTheCause_RunsTheStepAgainAndCompletes()
    {
        var (runId, title) = await StartAsync();
        await factory.WaitingForApprovalAsync(runId);
        Assert.Equal(HttpStatusCode.Created, (await _http.ApiPostAsync("/api/todos", new JsonObject { ["title"] = title }.ToJsonString())).Status);

        var approve = await _http.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"retry\",\"stepId\":\"risky\"}");
        var done = await factory.CompletionAsync(runId);

        Assert.Equal(HttpStatusCode.Accepted, approve.Status);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var view = await _http.GetRunAsync(runId);
        Assert.Equal("completed", view.Step("risky")["status"]!.GetValue<string>());
        Assert.Equal(2, view.Step("risky")["attempts"]!.GetValue<int>());
        Assert.True(view.Step("risky")["output"]!["done"]!.GetValue<bool>());
        Assert.Equal("completed", view.Step("after")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approve_Abort_FailsTheRunNamingTheStep()
    {
        var (runId, _) = await StartAsync();
        await factory.WaitingForApprovalAsync(runId);

        var approve = await _http.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"abort\",\"note\":\"wrong todo\"}");
        var done = await factory.CompletionAsync(runId);

        Assert.Equal(HttpStatusCode.Accepted, approve.Status);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var view = await _http.GetRunAsync(runId);
        Assert.Equal("Failed", view["status"]!.GetValue<string>());
        Assert.Contains("aborted at step 'risky'", view["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("pending", view.Step("after")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approve_StepThatIsNotWaiting_IsConflictAndChangesNothing()
    {
        var (runId, _) = await StartAsync();
        await factory.WaitingForApprovalAsync(runId);

        var refused = await _http.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"skip\",\"stepId\":\"after\"}");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("'after'", refused.Detail, StringComparison.Ordinal);
        Assert.Equal("WaitingForApproval", (await _http.GetRunAsync(runId))["status"]!.GetValue<string>());
        await _http.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"abort\"}");
        await factory.CompletionAsync(runId);
    }

    // branch_wait → branch_calc runs beside risky (todo.complete of a todo that does not exist yet) → after.
    private async Task<(string RunId, string Title)> StartAsync()
    {
        var title = "approve-" + Guid.NewGuid().ToString("N")[..8];
        var plan = JsonNode.Parse($$"""
            { "steps": [
                { "id": "branch_wait", "tool": "wait", "args": { "seconds": 1 } },
                { "id": "branch_calc", "tool": "calculator", "args": { "expression": "2+2" }, "dependsOn": ["branch_wait"] },
                { "id": "risky", "tool": "todo.complete", "args": { "title": "{{title}}" } },
                { "id": "after", "tool": "calculator", "args": { "expression": "1+1" }, "dependsOn": ["risky"] }
            ] }
            """);
        var runId = await _http.StartRunAsync(new JsonObject { ["prompt"] = "approval scenario", ["onStepFailure"] = "ask", ["plan"] = plan });
        return (runId, title);
    }
}
