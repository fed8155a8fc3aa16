using AgentFlows.Cli.Tests.Fakes;

namespace AgentFlows.Cli.Tests;

public sealed class ConnectionTests(FakeAgentFlowsServer server) : IClassFixture<FakeAgentFlowsServer>
{
    public static TheoryData<string[]> Verbs => new()
    {
        new[] { "run", "completes" },
        new[] { "run", "completes", "--watch" },
        new[] { "status", "run-1" },
        new[] { "list" },
        new[] { "events", "run-1" },
        new[] { "cancel", "run-1" },
        new[] { "rewind", "run-1" },
        new[] { "approve", "run-1", "--decision", "skip" },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task AnyVerb_NothingListening_PrintsCannotReachAndExitsTwo(string[] verb)
    {
        var url = ClosedPort.Url();

        var cli = await CliRun.ExecuteAsync([.. verb, "--url", url]);

        Assert.Equal(ExitCodes.Unreachable, cli.ExitCode);
        Assert.Empty(cli.Out);
        var line = Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"cannot reach AgentFlows at {url}: ", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Url_FromEnvironment_IsUsedWithoutOption()
    {
        var cli = new CliRun();
        cli.Environment["AGENTFLOWS_URL"] = server.Url;
        cli.Environment["AGENTFLOWS_KEY"] = "env-key";
        var before = server.Requests.Count;

        await cli.RunAsync("list");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal("env-key", server.Requests.Skip(before).Single().ApiKey);
    }

    [Fact]
    public async Task Options_OverrideEnvironment()
    {
        var cli = new CliRun();
        cli.Environment["AGENTFLOWS_URL"] = ClosedPort.Url();
        cli.Environment["AGENTFLOWS_KEY"] = "env-key";
        var before = server.Requests.Count;

        await cli.RunAsync("list", "--url", server.Url + "/", "--key", "option-key");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Equal("option-key", server.Requests.Skip(before).Single().ApiKey);
    }

    [Fact]
    public async Task NoUrlAnywhere_UsesTheDefaultAddress()
    {
        var cli = await CliRun.ExecuteAsync("status", "run-1", "--help");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Contains("http://127.0.0.1:7071", cli.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.org")]
    public async Task Url_Invalid_ShowsUsageAndExitsThree(string url)
    {
        var cli = await CliRun.ExecuteAsync("list", "--url", url);

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains("--url must be an absolute http:// or https:// address", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_InvalidInEnvironment_ExitsThree()
    {
        var cli = new CliRun();
        cli.Environment["AGENTFLOWS_URL"] = "localhost:7071";

        await cli.RunAsync("list");

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains("invalid service address 'localhost:7071'", cli.Error, StringComparison.Ordinal);
    }
}
