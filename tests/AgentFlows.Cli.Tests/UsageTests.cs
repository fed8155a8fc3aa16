namespace AgentFlows.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task Help_ListsEveryVerbAndExitsZero()
    {
        var cli = await CliRun.ExecuteAsync("--help");

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Contains("agentflows [command] [options]", cli.Out, StringComparison.Ordinal);
        foreach (var verb in new[] { "run <prompt>", "status <runId>", "list", "events <runId>", "cancel <runId>", "rewind <runId>", "approve <runId>", "--url", "--key" })
        {
            Assert.Contains(verb, cli.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoVerb_ShowsUsageOnStderrAndExitsThree()
    {
        var cli = await CliRun.ExecuteAsync();

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Empty(cli.Out);
        Assert.Contains("Usage:", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("status")]
    [InlineData("list", "--bogus")]
    [InlineData("run", "a", "b")]
    public async Task InvalidArguments_ShowUsageAndExitThree(params string[] args)
    {
        var cli = await CliRun.ExecuteAsync(args);

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains("Usage:", cli.Error, StringComparison.Ordinal);
    }
}
