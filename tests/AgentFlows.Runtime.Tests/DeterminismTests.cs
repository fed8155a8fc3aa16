using AgentFlows.History;
using AgentFlows.Testing;

namespace AgentFlows.Runtime.Tests;

/// <summary>
/// Replays checked-in histories (Histories/*.json, recorded by an earlier build) with the current code: they must
/// replay to the recorded outcome, and a changed orchestrator must be reported with both sides named.
/// </summary>
public sealed class DeterminismTests
{
    private static readonly string _dir = Path.Combine(AppContext.BaseDirectory, "Histories");

    public static TheoryData<string, string> Goldens => new()
    {
        { "hello-cities.json", "HelloCities" },
        { "retry-fanout.json", "RetryFanOut" },
        { "timer-and-event.json", "TimerAndEvent" },
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Apply_GoldenHistory_ReplaysToRecordedOutcomeWithNoNewActions(string file, string orchestrator)
    {
        var history = Load(file);
        var session = Replay(history, new DurableTaskRegistry().AddGoldenOrchestrations());
        var recorded = history.Single(e => e.EventType == EventType.ExecutionCompleted);
        Assert.Equal(orchestrator, session.Name);
        Assert.True(session.Finished);
        Assert.Null(session.Failure);
        Assert.Equal(recorded.Result, session.Output);
        Assert.Empty(session.NewActions);
    }

    [Fact]
    public void Apply_ChangedActivityName_FailsNamingBothSides()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, List<string>>("HelloCities", async (ctx, _) =>
        [
            await ctx.CallActivityAsync<string>("SayHello", "Tokyo"),
            await ctx.CallActivityAsync<string>("SayGoodbye", "Seattle"),
        ]);
        var session = Replay(Load("hello-cities.json"), registry);
        var failure = session.Failure!;
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, failure.ErrorType);
        Assert.Contains("sequence number 1 named 'SayHello'", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("named 'SayGoodbye'", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_TimerReplacedByActivity_FailsNamingBothKinds()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, string>("TimerAndEvent", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("SayHello", "instead of a timer");
            return "changed";
        });
        var failure = Replay(Load("timer-and-event.json"), registry).Failure!;
        Assert.Contains("scheduled a timer with sequence number 0", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("an activity task named 'SayHello'", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseEventAsync_CodeChangedWhileWaiting_InstanceFailsWithNonDeterminismError()
    {
        var version = 1;
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples()
            .AddActivityFunc<string, string>("SayHi", (_, n) => Task.FromResult("Hi " + n))
            .AddOrchestratorFunc<object?, string>("Evolving", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>(version == 1 ? "SayHello" : "SayHi", "x");
                return await ctx.WaitForExternalEvent<string>("go");
            }), configure: o => o.ExtendedSessionsEnabled = false);
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("Evolving");
        await ControlTests.WaitUntilAsync(rt, id, _ => true);
        await WaitForHistoryAsync(rt, id, EventType.TaskCompleted);
        version = 2;
        await rt.Client.RaiseEventAsync(id, "go", "now");
        var result = await rt.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("Non-Deterministic workflow detected", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'SayHi'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>Re-records the golden histories; run only on purpose (AGENTFLOWS_RECORD_HISTORIES=path/to/Histories).</summary>
    [Fact]
    public async Task Record_GoldenHistories_WhenAsked()
    {
        var target = GoldenHistories.RecordingTarget;
        if (target is null)
        {
            Assert.True(File.Exists(Path.Combine(_dir, "hello-cities.json")));
            return;
        }

        await using var rt = await TestRuntime.StartAsync(r => r.AddGoldenOrchestrations(), configure: o => o.ExtendedSessionsEnabled = false);
        foreach (var (file, name) in Goldens.Select(d => ((string)d[0], (string)d[1])))
        {
            var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync(name, null, new Client.StartOrchestrationOptions { InstanceId = "golden-" + name });
            if (name == "TimerAndEvent")
            {
                await rt.Client.RaiseEventAsync(id, "approve", "yes");
            }

            await rt.WaitAsync(id);
            var history = await rt.Client.GetOrchestrationHistoryAsync(id);
            await GoldenHistories.SaveAsync(Path.Combine(target, file), history);
        }
    }

    internal static async Task WaitForHistoryAsync(TestRuntime rt, string id, EventType type)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!(await rt.Client.GetOrchestrationHistoryAsync(id, cts.Token)).Any(e => e.EventType == type))
        {
            await Task.Delay(5, cts.Token);
        }
    }

    private static List<HistoryEvent> Load(string file) => GoldenHistories.Load(Path.Combine(_dir, file));

    private static GoldenReplay Replay(List<HistoryEvent> history, DurableTaskRegistry registry) => GoldenHistories.Replay(history, registry);
}
