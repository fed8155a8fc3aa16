using System.Text.Json;
using AgentFlows.Cli.Tests.Fakes;

namespace AgentFlows.Cli.Tests;

public sealed class RunCommandTests(FakeAgentFlowsServer server) : IClassFixture<FakeAgentFlowsServer>
{
    [Fact]
    public async Task Run_WithoutWatch_PostsRunAndPrintsOnlyItsId()
    {
        var cli = await CliRun.ExecuteAsync(
            "run", FakeScenarios.Completes, "--url", server.Url, "--key", "k-123",
            "--session", "sess-1", "--planner", "pattern", "--on-step-failure", "ask");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        var runId = Assert.Single(cli.OutLines);
        Assert.Matches("^run-[0-9]+$", runId);
        Assert.Empty(cli.Error);

        var post = Assert.Single(server.Requests, r => r.Method == "POST" && r.Path == "/api/runs" && r.ApiKey == "k-123");
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal(FakeScenarios.Completes, body.RootElement.GetProperty("prompt").GetString());
        Assert.Equal("sess-1", body.RootElement.GetProperty("sessionId").GetString());
        Assert.Equal("pattern", body.RootElement.GetProperty("planner").GetString());
        Assert.Equal("ask", body.RootElement.GetProperty("onStepFailure").GetString());
        Assert.Empty(server.RequestsFor(runId));
    }

    [Fact]
    public async Task Run_NoOptionalOptions_SendsOnlyThePrompt()
    {
        var cli = await CliRun.ExecuteAsync("run", FakeScenarios.Fails, "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        var post = server.Requests.Last(r => r.Method == "POST" && r.Path == "/api/runs");
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal(["prompt"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Null(post.ApiKey);
    }

    [Fact]
    public async Task Run_UnplannablePrompt_PrintsProblemAndExitsOne()
    {
        var cli = await CliRun.ExecuteAsync("run", "dance a jig", "--url", server.Url);

        Assert.Equal(ExitCodes.Failed, cli.ExitCode);
        Assert.Empty(cli.Out);
        Assert.Equal("error 422: Unprocessable Entity — the pattern planner did not understand 'dance a jig'", cli.Error.Trim());
    }

    [Theory]
    [InlineData("--planner", "clever")]
    [InlineData("--on-step-failure", "ignore")]
    public async Task Run_InvalidChoice_ShowsUsageAndExitsThree(string option, string value)
    {
        var before = server.Requests.Count;

        var cli = await CliRun.ExecuteAsync("run", FakeScenarios.Completes, option, value, "--url", server.Url);

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains(value, cli.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", cli.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Out);
        Assert.Equal(before, server.Requests.Count);
    }

    [Fact]
    public async Task Run_EmptyPrompt_ShowsUsageAndExitsThree()
    {
        var cli = await CliRun.ExecuteAsync("run", "  ", "--url", server.Url);

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains("The prompt must not be empty.", cli.Error, StringComparison.Ordinal);
    }
}
