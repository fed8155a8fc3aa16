using System.Text.Json;
using AgentFlows.Cli.Tests.Fakes;

namespace AgentFlows.Cli.Tests;

public sealed class StatusCommandTests(FakeAgentFlowsServer server) : IClassFixture<FakeAgentFlowsServer>
{
    [Fact]
    public async Task Status_CompletedRun_PrintsSummaryAndStepsAndExitsZero()
    {
        var run = server.AddRun(FakeScenarios.Completes, finished: true);

        var cli = await CliRun.ExecuteAsync("status", run.RunId, "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal(
            [
                $"run      {run.RunId}",
                "status   Completed",
                "prompt   completes",
                "session  -",
                "planner  pattern",
                "created  2025-01-02T03:04:05.000Z",
                "updated  2025-01-02T03:04:06.750Z",
                "usage    0 LLM calls, 0 input + 0 output tokens, $0.0000",
                "result   24",
                "STEP  TOOL        STATUS     ATTEMPTS  DURATION  OUTPUT / ERROR",
                "s1    calculator  Completed  1         0.25s     output of s1",
                "s2    todo.add    Completed  1         0.25s     output of s2",
            ],
            cli.OutLines);
        Assert.Empty(cli.Error);
    }

    [Fact]
    public async Task Status_FailedRun_ShowsRunAndStepErrors()
    {
        var run = server.AddRun(FakeScenarios.Fails, finished: true);

        var cli = await CliRun.ExecuteAsync("status", run.RunId, "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Contains("status   Failed", cli.OutLines);
        Assert.Contains("error    step s2 failed: disk full", cli.OutLines);
        Assert.Contains("s2    todo.add    Failed     2         0.75s     disk full", cli.OutLines);
    }

    [Fact]
    public async Task Status_Json_PrintsServerBodyAsIs()
    {
        var run = server.AddRun(FakeScenarios.Completes, finished: true);

        var cli = await CliRun.ExecuteAsync("status", run.RunId, "--json", "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        using var json = JsonDocument.Parse(cli.Out);
        Assert.Equal(run.RunId, json.RootElement.GetProperty("runId").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("plan").GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task Status_UnknownRun_PrintsProblemOnStderrAndExitsOne()
    {
        var cli = await CliRun.ExecuteAsync("status", "no-such-run", "--url", server.Url);

        Assert.Equal(ExitCodes.Failed, cli.ExitCode);
        Assert.Empty(cli.Out);
        Assert.Equal("error 404: Not Found — run 'no-such-run' does not exist", cli.Error.Trim());
    }

    [Fact]
    public async Task Status_ErrorWithoutProblemDetails_PrintsStatusAndBody()
    {
        var cli = await CliRun.ExecuteAsync("status", "explodes", "--url", server.Url);

        Assert.Equal(ExitCodes.Failed, cli.ExitCode);
        Assert.Equal("error 500: Internal Server Error — kaboom", cli.Error.Trim());
    }

    [Fact]
    public async Task Status_RunIdWithPathCharacters_IsEscapedInTheUrl()
    {
        var cli = await CliRun.ExecuteAsync("status", "a/b?c", "--url", server.Url);

        Assert.Equal(ExitCodes.Failed, cli.ExitCode);
        // Kestrel hands '%3F' to the app decoded but keeps '%2F': both reached it inside one path segment.
        Assert.Single(server.Requests, r => r.Path == "/api/runs/a%2Fb?c" && r.Query.Length == 0);
        Assert.StartsWith("error 404: Not Found — run 'a", cli.Error, StringComparison.Ordinal);
    }
}
