using System.Text.Json;
using AgentFlows.Cli.Tests.Fakes;

namespace AgentFlows.Cli.Tests;

public sealed class ManageCommandsTests(FakeAgentFlowsServer server) : IClassFixture<FakeAgentFlowsServer>
{
    [Fact]
    public async Task Cancel_WithReason_PostsReasonAndExitsZero()
    {
        var run = server.AddRun(FakeScenarios.Completes);

        var cli = await CliRun.ExecuteAsync("cancel", run.RunId, "--reason", "no longer needed", "--url", server.Url, "--key", "op");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal($"cancel requested for run {run.RunId}", cli.Out.Trim());
        var request = Assert.Single(server.RequestsFor(run.RunId));
        Assert.Equal(("POST", $"/api/runs/{run.RunId}/cancel", "op"), (request.Method, request.Path, request.ApiKey));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("no longer needed", body.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Cancel_UnknownRun_PrintsProblemAndExitsOne()
    {
        var cli = await CliRun.ExecuteAsync("cancel", "ghost", "--url", server.Url);

        Assert.Equal(ExitCodes.Failed, cli.ExitCode);
        Assert.Equal("error 404: Not Found — run 'ghost' does not exist", cli.Error.Trim());
    }

    [Fact]
    public async Task Rewind_FailedRun_PostsAndExitsZero()
    {
        var run = server.AddRun(FakeScenarios.Fails, finished: true);

        var cli = await CliRun.ExecuteAsync("rewind", run.RunId, "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal($"rewind requested for run {run.RunId}", cli.Out.Trim());
        Assert.Single(server.RequestsFor(run.RunId), r => r.Method == "POST" && r.Path.EndsWith("/rewind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rewind_CompletedRun_PrintsConflictAndExitsOne()
    {
        var run = server.AddRun(FakeScenarios.Completes, finished: true);

        var cli = await CliRun.ExecuteAsync("rewind", run.RunId, "--url", server.Url);

        Assert.Equal(ExitCodes.Failed, cli.ExitCode);
        Assert.Empty(cli.Out);
        Assert.Equal($"error 409: Conflict — run '{run.RunId}' is Completed; only a Failed run can be rewound", cli.Error.Trim());
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("skip")]
    [InlineData("abort")]
    public async Task Approve_Decision_PostsDecisionAndExitsZero(string decision)
    {
        var run = server.AddRun(FakeScenarios.AsksApproval);

        var cli = await CliRun.ExecuteAsync("approve", run.RunId, "--decision", decision, "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal(decision, await run.Approval.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        using var body = JsonDocument.Parse(Assert.Single(server.RequestsFor(run.RunId)).Body);
        Assert.Equal(["decision"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Approve_MissingDecision_ShowsUsageAndExitsThree()
    {
        var run = server.AddRun(FakeScenarios.AsksApproval);

        var cli = await CliRun.ExecuteAsync("approve", run.RunId, "--url", server.Url);

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains("--decision", cli.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", cli.Error, StringComparison.Ordinal);
        Assert.Empty(server.RequestsFor(run.RunId));
    }

    [Fact]
    public async Task Approve_UnknownDecision_ShowsUsageAndExitsThree()
    {
        var run = server.AddRun(FakeScenarios.AsksApproval);

        var cli = await CliRun.ExecuteAsync("approve", run.RunId, "--decision", "maybe", "--url", server.Url);

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains("maybe", cli.Error, StringComparison.Ordinal);
        Assert.Empty(server.RequestsFor(run.RunId));
    }
}
