using System.Text.Json;
using AgentFlows.Cli.Tests.Fakes;

namespace AgentFlows.Cli.Tests;

public sealed class EventsCommandTests(FakeAgentFlowsServer server) : IClassFixture<FakeAgentFlowsServer>
{
    [Fact]
    public async Task Events_Run_PrintsOneLinePerEventUntilTheRunEnds()
    {
        var run = server.AddRun(FakeScenarios.Completes);

        var cli = await CliRun.ExecuteAsync("events", run.RunId, "--url", server.Url, "--key", "k");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal(
            [
                "1 2025-01-02T03:04:05.250Z run.started",
                "2 2025-01-02T03:04:05.500Z plan.created",
                "3 2025-01-02T03:04:05.750Z step.started s1",
                "4 2025-01-02T03:04:06.000Z step.completed s1",
                "5 2025-01-02T03:04:06.250Z step.started s2",
                "6 2025-01-02T03:04:06.500Z step.completed s2",
                "7 2025-01-02T03:04:06.750Z run.completed {\"result\":24}",
            ],
            cli.OutLines);
        var request = Assert.Single(server.RequestsFor(run.RunId));
        Assert.Equal("k", request.ApiKey);
        Assert.Equal("application/x-ndjson", request.Accept);
    }

    [Fact]
    public async Task Events_Json_PrintsTheServersNdjsonLines()
    {
        var run = server.AddRun(FakeScenarios.Fails);

        var cli = await CliRun.ExecuteAsync("events", run.RunId, "--json", "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        var events = cli.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, 9), events.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal("run.failed", events[^1].GetProperty("type").GetString());
        Assert.Equal("s2", events[^2].GetProperty("stepId").GetString());
    }

    [Fact]
    public async Task Events_StreamEndsEarly_ResumesWithAfterAndPrintsEachEventOnce()
    {
        var run = server.AddRun(FakeScenarios.EndsEarly);

        var cli = await CliRun.ExecuteAsync("events", run.RunId, "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], cli.OutLines.Select(l => l.Split(' ')[0]));
        Assert.Equal(["", "?after=3"], server.RequestsFor(run.RunId).Where(r => r.Path.EndsWith("/events", StringComparison.Ordinal)).Select(r => r.Query));
        Assert.Equal("event stream dropped (the stream ended before the run did); resuming after seq 3", cli.Error.Trim());
    }

    [Fact]
    public async Task Events_UnknownRun_PrintsProblemAndExitsOne()
    {
        var cli = await CliRun.ExecuteAsync("events", "ghost", "--url", server.Url);

        Assert.Equal(ExitCodes.Failed, cli.ExitCode);
        Assert.Equal("error 404: Not Found — run 'ghost' does not exist", cli.Error.Trim());
    }

    [Fact]
    public async Task Events_StreamEndsWithoutTerminalEventForEndedRun_StopsWithoutRetrying()
    {
        var run = server.AddRun(FakeScenarios.EndsEarly, finished: true);

        var cli = await CliRun.ExecuteAsync("events", run.RunId, "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal(["1", "2", "3"], cli.OutLines.Select(l => l.Split(' ')[0]));
        Assert.Single(server.RequestsFor(run.RunId), r => r.Path.EndsWith("/events", StringComparison.Ordinal));
        Assert.Empty(cli.Error);
    }
}
