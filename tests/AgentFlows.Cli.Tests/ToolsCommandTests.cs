using System.Text.Json;
using AgentFlows.Cli.Tests.Fakes;

namespace AgentFlows.Cli.Tests;

public sealed class ToolsCommandTests(FakeAgentFlowsServer server) : IClassFixture<FakeAgentFlowsServer>
{
    [Fact]
    public async Task Tools_Default_PrintsNameVersionFlagsAndUsage()
    {
        var cli = await CliRun.ExecuteAsync("tools", "--url", server.Url, "--key", "reader-key");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal("reader-key", server.Requests.Last(r => r.Path == "/api/tools").ApiKey);
        Assert.Equal(
            [
                "NAME        VERSION  FLAGS             CALLS  ERRORS  P50 MS",
                "calculator  1.0.0    pure              12     1       0.25",
                "llm.write   2.1.0    llm,side-effects  0      0       -",
                "2 tool(s); usage counts calls on the server's process since it started",
            ],
            cli.OutLines);
    }

    [Fact]
    public async Task Tools_Json_PrintsServerBodyWithSchemas()
    {
        var cli = await CliRun.ExecuteAsync("tools", "--json", "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        using var json = JsonDocument.Parse(cli.Out);
        Assert.Equal("object", json.RootElement.GetProperty("items")[0].GetProperty("argsSchema").GetProperty("type").GetString());
    }
}
