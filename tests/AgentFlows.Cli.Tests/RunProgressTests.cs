using System.Text.Json;
using AgentFlows.Cli.Api;
using AgentFlows.Cli.Watch;

namespace AgentFlows.Cli.Tests;

public sealed class RunProgressTests
{
    private static readonly DateTimeOffset _t0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_SnapshotWhileFollowing_TakesPlanButNotProgress()
    {
        var progress = new RunProgress("r");
        var snapshot = new RunDetails("r", "Running")
        {
            Plan = new RunPlan([new RunStep("s1", "calculator") { Status = "Running", Attempts = 1, StartedAt = _t0 }]),
        };

        progress.Apply(snapshot, includeProgress: false);
        progress.Apply(Event(1, "step.started", "s1"), _t0);

        var step = Assert.Single(progress.Steps);
        Assert.Equal(("calculator", "Running", 1), (step.Tool, step.Status, step.Attempts));
        Assert.Equal("Pending", progress.Status);
    }

    [Fact]
    public void Apply_EventOfUnknownStep_AddsItInOrder()
    {
        var progress = new RunProgress("r");
        progress.Apply(new RunDetails("r", "Running") { Plan = new RunPlan([new RunStep("a", "wait")]) }, includeProgress: false);

        progress.Apply(Event(1, "step.started", "b", """{"tool":"calculator","attempt":3}"""), _t0);

        Assert.Equal(["a", "b"], progress.Steps.Select(s => s.Id));
        Assert.Equal(("calculator", 3), (progress.Steps[1].Tool, progress.Steps[1].Attempts));
    }

    [Fact]
    public void ServerNow_AfterEvent_FollowsTheServerClockNotTheLocalOne()
    {
        var progress = new RunProgress("r");
        var local = _t0.AddHours(5);
        progress.Apply(Event(1, "step.started", "s1"), local);

        var step = progress.Steps[0];
        Assert.Equal(TimeSpan.FromSeconds(2), step.Duration(progress.ServerNow(local.AddSeconds(2))));
    }

    [Theory]
    [InlineData("run.completed", "Completed")]
    [InlineData("run.failed", "Failed")]
    [InlineData("run.canceled", "Canceled")]
    [InlineData("approval.requested", "WaitingForApproval")]
    public void Apply_RunEvent_SetsStatus(string type, string status)
    {
        var progress = new RunProgress("r");

        progress.Apply(Event(1, type, null), _t0);

        Assert.Equal(status, progress.Status);
    }

    private static RunEvent Event(long seq, string type, string? stepId, string data = "{}") =>
        new(seq, type, _t0.AddSeconds(seq), stepId, JsonDocument.Parse(data).RootElement.Clone());
}
