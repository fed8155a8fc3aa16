using System.Text.Json;
using AgentFlows.Cli.Tests.Fakes;

namespace AgentFlows.Cli.Tests;

public sealed class ListCommandTests(FakeAgentFlowsServer server) : IClassFixture<FakeAgentFlowsServer>
{
    [Fact]
    public async Task List_StatusAndTop_SendsFiltersAndPrintsOnePage()
    {
        var first = server.AddRun(FakeScenarios.Completes, finished: true);
        server.AddRun(FakeScenarios.Fails, finished: true);
        server.AddRun(FakeScenarios.Completes, finished: true);

        var cli = await CliRun.ExecuteAsync("list", "--status", "Completed", "--top", "1", "--url", server.Url, "--key", "reader-key");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        var request = server.Requests.Last(r => r.Path == "/api/runs");
        Assert.Equal("?status=Completed&top=1", request.Query);
        Assert.Equal("reader-key", request.ApiKey);
        Assert.Equal(
            [
                "RUN ID  STATUS     CREATED                   PROMPT",
                $"{first.RunId}   Completed  2025-01-02T03:04:05.000Z  completes",
                "1 of 2 run(s); more exist (raise --top or filter with --status)",
            ],
            cli.OutLines);
    }

    [Fact]
    public async Task List_Json_PrintsServerBodyAsIs()
    {
        var cli = await CliRun.ExecuteAsync("list", "--json", "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        using var json = JsonDocument.Parse(cli.Out);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("items").ValueKind);
        Assert.Equal("", server.Requests.Last(r => r.Path == "/api/runs").Query);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("many")]
    public async Task List_TopOutOfRange_ShowsUsageAndExitsThree(string top)
    {
        var cli = await CliRun.ExecuteAsync("list", "--top", top, "--url", server.Url);

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains("--top", cli.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", cli.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Out);
    }
}
