using AgentFlows.Cli.Tests.Fakes;

namespace AgentFlows.Cli.Tests;

public sealed class RunWatchTests(FakeAgentFlowsServer server) : IClassFixture<FakeAgentFlowsServer>
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunWatch_CompletingRun_PrintsEachStepAndExitsZero()
    {
        var cli = await CliRun.ExecuteAsync("run", FakeScenarios.Completes, "--watch", "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        var runId = cli.OutLines[0];
        Assert.Equal(
            [
                runId,
                $"run {runId} started",
                "plan: s1 (calculator), s2 (todo.add)",
                "step s1 (calculator) started, attempt 1",
                "step s1 (calculator) completed in 0.25s",
                "step s2 (todo.add) started, attempt 1",
                "step s2 (todo.add) completed in 0.25s",
                $"run {runId} completed",
                "STEP  TOOL        STATUS     ATTEMPTS  DURATION",
                "s1    calculator  Completed  1         0.25s",
                "s2    todo.add    Completed  1         0.25s",
                $"run {runId} Completed",
                "result: 24",
            ],
            cli.OutLines);
        Assert.Empty(cli.Error);
        Assert.Single(server.RequestsFor(runId), r => r.Path.EndsWith("/events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunWatch_FailingRun_ShowsRetriesAndErrorAndExitsOne()
    {
        var cli = await CliRun.ExecuteAsync("run", FakeScenarios.Fails, "-w", "--url", server.Url);

        Assert.Equal(ExitCodes.Failed, cli.ExitCode);
        var runId = cli.OutLines[0];
        Assert.Contains("step s2 (todo.add) retrying after attempt 1: disk full", cli.OutLines);
        Assert.Contains("step s2 (todo.add) started, attempt 2", cli.OutLines);
        Assert.Contains("step s2 (todo.add) failed after 2 attempt(s): disk full", cli.OutLines);
        Assert.Contains($"run {runId} failed: step s2 failed: disk full", cli.OutLines);
        Assert.Contains("s2    todo.add    Failed     2         0.75s", cli.OutLines);
        Assert.Equal("error: step s2 failed: disk full", cli.OutLines[^1]);
    }

    [Theory]
    [InlineData(FakeScenarios.Drops, 2)]
    [InlineData(FakeScenarios.EndsEarly, 3)]
    public async Task RunWatch_StreamDropsMidway_ResumesAfterLastSeqAndShowsEachEventOnce(string scenario, int lastSeq)
    {
        var cli = await CliRun.ExecuteAsync("run", scenario, "--watch", "--url", server.Url);

        Assert.True(cli.ExitCode == ExitCodes.Success, cli.Error);
        var runId = cli.OutLines[0];
        var streams = server.RequestsFor(runId).Where(r => r.Path.EndsWith("/events", StringComparison.Ordinal)).Select(r => r.Query);
        Assert.Equal(["", $"?after={lastSeq}"], streams);
        Assert.Single(cli.OutLines, l => l == "step s1 (calculator) started, attempt 1");
        Assert.Single(cli.OutLines, l => l == "step s1 (calculator) completed in 0.25s");
        Assert.Single(cli.OutLines, l => l == "step s2 (todo.add) completed in 0.25s");
        Assert.Single(cli.OutLines, l => l == $"run {runId} completed");
        Assert.Contains($"resuming after seq {lastSeq}", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWatch_StreamNeverDelivers_GivesUpWithExitTwo()
    {
        var cli = await new CliRun { MaxReconnectAttempts = 3 }.RunAsync("run", FakeScenarios.NeverStreams, "--watch", "--url", server.Url);

        Assert.Equal(ExitCodes.Unreachable, cli.ExitCode);
        var runId = cli.OutLines[0];
        Assert.True(3 == server.RequestsFor(runId).Count(r => r.Path.EndsWith("/events", StringComparison.Ordinal)), cli.Error);
        Assert.Equal(3, server.RequestsFor(runId).Count(r => r.Path.EndsWith("/events", StringComparison.Ordinal)));
        Assert.StartsWith(
            $"cannot reach AgentFlows at {server.Url}: the event stream of run {runId} dropped 3 times in a row",
            cli.Error.Split('\n').Single(l => l.StartsWith("cannot reach", StringComparison.Ordinal)),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWatch_OnTerminal_DrawsLiveTableOfSteps()
    {
        var cli = await new CliRun { IsTerminal = true }.RunAsync("run", FakeScenarios.Completes, "--watch", "--url", server.Url);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        foreach (var text in new[] { "Step", "Tool", "Status", "Attempts", "Duration", "s1", "calculator", "s2", "todo.add", "Completed", "0.25s", "result: 24" })
        {
            Assert.Contains(text, cli.Out, StringComparison.Ordinal);
        }

        Assert.Contains("\u001b[", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("started, attempt", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWatch_RunAsksApproval_WaitsForApproveAndExitsZero()
    {
        var started = server.WhenStarted(FakeScenarios.AsksApproval);
        var watch = CliRun.ExecuteAsync("run", FakeScenarios.AsksApproval, "--watch", "--on-step-failure", "ask", "--url", server.Url);
        var run = await started.WaitAsync(_timeout);
        await run.ApprovalRequestedSent.Task.WaitAsync(_timeout);
        Assert.False(watch.IsCompleted);

        var approve = await CliRun.ExecuteAsync("approve", run.RunId, "--decision", "retry", "--note", "try again", "--url", server.Url);
        var cli = await watch.WaitAsync(_timeout);

        Assert.Equal(ExitCodes.Success, approve.ExitCode);
        Assert.Equal($"decision 'retry' sent for run {run.RunId}", approve.Out.Trim());
        var body = Assert.Single(server.RequestsFor(run.RunId), r => r.Path.EndsWith("/approve", StringComparison.Ordinal)).Body;
        Assert.Contains("\"decision\":\"retry\"", body, StringComparison.Ordinal);
        Assert.Contains("\"note\":\"try again\"", body, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        Assert.Contains(
            $"run {run.RunId} waits for approval of step s1 (calculator); answer with: agentflows approve {run.RunId} --decision retry|skip|abort",
            cli.OutLines);
        Assert.Contains("approval resolved: retry", cli.OutLines);
        Assert.Contains("step s1 (calculator) started, attempt 2", cli.OutLines);
        Assert.Contains("s1    calculator  Completed  2         1.25s", cli.OutLines);
    }
}
