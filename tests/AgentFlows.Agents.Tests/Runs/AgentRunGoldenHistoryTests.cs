using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Runs;
using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools.Todos;
using AgentFlows.Client;
using AgentFlows.History;
using AgentFlows.Hosting;
using AgentFlows.Storage.InMemory;
using AgentFlows.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlows.Agents.Tests.Runs;

/// <summary>
/// The replay safety net for AgentRun: histories recorded by released builds (Histories/agentrun/v1, …) must replay
/// with the current code to their recorded outcome. A failure here means a change would break runs in flight; its
/// message is the non-determinism diff. Actions compare by kind, name and sequence number, never by input, so
/// additive changes to activity inputs do not break it. Re-record only on purpose:
/// <c>AGENTFLOWS_RECORD_HISTORIES=$PWD/tests/AgentFlows.Agents.Tests/Histories/agentrun/v1 dotnet test tests/AgentFlows.Agents.Tests --filter Record_AgentRunGoldenHistories_WhenAsked</c>.
/// </summary>
public sealed class AgentRunGoldenHistoryTests
{
    private static readonly string _dir = Path.Combine(AppContext.BaseDirectory, "Histories", "agentrun");

    public static TheoryData<string> Goldens => new(Files());

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Replay_AgentRunGoldenHistory_ReachesRecordedOutcomeWithCurrentCode(string file)
    {
        var history = GoldenHistories.Load(Path.Combine(_dir, file));
        var replay = GoldenHistories.Replay(history, new DurableTaskRegistry().AddAgentRuns());

        Assert.True(replay.Failure?.ErrorType != typeof(NonDeterministicOrchestrationException).FullName, replay.Failure?.ErrorMessage);
        var recorded = history.Last(e => e.EventType == EventType.ExecutionCompleted);
        Assert.True(replay.Finished, $"{file}: the current code did not finish where the recorded run did; it asks for {replay.NewActions.Count} more actions.");
        Assert.Equal(recorded.OrchestrationStatus == OrchestrationRuntimeStatus.Failed, replay.Failure is not null);
        Assert.DoesNotContain(replay.NewActions, a => a.EventType != EventType.GenericEvent);
    }

    [Fact]
    public void Goldens_CheckedIn_CoverSequentialFanOutRewoundAndApproval()
    {
        Assert.Equal(["v1/approval.json", "v1/fanout.json", "v1/rewound.json", "v1/sequential.json"], Files().Where(f => f.StartsWith("v1/", StringComparison.Ordinal)));
    }

    // Every release's folder (v1, v2, …): runs recorded by any release still in use must keep replaying.
    private static string[] Files() =>
        [.. Directory.GetFiles(_dir, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>Records the goldens; runs only when AGENTFLOWS_RECORD_HISTORIES names the folder.</summary>
    [Fact]
    public async Task Record_AgentRunGoldenHistories_WhenAsked()
    {
        if (GoldenHistories.RecordingTarget is not { } target)
        {
            Assert.True(File.Exists(Path.Combine(_dir, "v1", "sequential.json")));
            return;
        }

        var time = new FakeTimeProvider();
        var todos = new FakeTodoRepository();
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ITodoRepository>(todos)
            .AddInMemoryOrchestrationStore()
            .AddAgentFlowsRuntime(r => r.AddAgentRuns(), o => o.ExtendedSessionsEnabled = false)
            .BuildServiceProvider();
        var worker = services.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        var client = services.GetRequiredService<DurableTaskClient>();
        try
        {
            await RecordAsync(client, time, target, "sequential", Request(
                Step("s1", "calculator", """{"expression":"sqrt(16) + 2^3"}"""),
                Step("s2", "todo.add", """{"title":"check {step_1_output}","priority":"high"}"""),
                Step("s3", "wait", """{"seconds":2}""", "s2"),
                Step("s4", "todo.list", """{}""", "s3")));
            await RecordAsync(client, time, target, "fanout", Request(
                Step("a", "calculator", """{"expression":"2+2"}"""),
                Step("b", "calculator", """{"expression":"3*3"}"""),
                Step("c", "calculator", """{"expression":"pi * 3^2"}"""),
                Step("sum", "calculator", """{"expression":"{steps.a.output} + {steps.b.output} + {steps.c.output}"}""")));
            var rewound = await StartAsync(client, "rewound", Request(
                Step("add", "calculator", """{"expression":"1+1"}"""),
                Step("done", "todo.complete", """{"title":"ship it"}""", "add")));
            await WaitAsync(client, time, rewound);
            await todos.AddAsync("default", new TodoDraft("ship it", "medium", null, [], null));
            await client.RewindInstanceAsync(rewound, "the todo exists now");
            await WaitForAsync(client, time, rewound, h => h.Any(e => e.EventType == EventType.ExecutionRewound));
            await FinishAsync(client, time, target, rewound, "rewound");
            var approval = await StartAsync(client, "approval", Request(
                Step("first", "todo.complete", """{"title":"missing"}""")) with { OnStepFailure = "ask" });
            await WaitForAsync(client, time, approval, h => h.Any(e => e.EventType == EventType.TaskCompleted && e.Result == "true"));
            await client.RaiseEventAsync(approval, RunNames.ApprovalEvent("first"), new ApprovalDecision("skip", "not needed"));
            await FinishAsync(client, time, target, approval, "approval");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private static RunRequest Request(params PlanStep[] steps) => new() { Prompt = "golden", Plan = new Plan { Steps = steps }, Tenant = "default" };

    private static PlanStep Step(string id, string tool, string args, params string[] dependsOn) =>
        new() { Id = id, Tool = tool, Args = System.Text.Json.Nodes.JsonNode.Parse(args)!.AsObject(), DependsOn = dependsOn };

    private static Task<string> StartAsync(DurableTaskClient client, string name, RunRequest request) =>
        client.ScheduleNewOrchestrationInstanceAsync(RunNames.Orchestrator, request with { RunId = "golden-" + name }, new StartOrchestrationOptions { InstanceId = "golden-" + name });

    private static async Task RecordAsync(DurableTaskClient client, FakeTimeProvider time, string target, string name, RunRequest request)
    {
        var id = await StartAsync(client, name, request);
        await FinishAsync(client, time, target, id, name);
    }

    private static async Task FinishAsync(DurableTaskClient client, FakeTimeProvider time, string target, string id, string name)
    {
        await WaitAsync(client, time, id);
        await GoldenHistories.SaveAsync(Path.Combine(target, name + ".json"), await client.GetOrchestrationHistoryAsync(id));
    }

    private static Task WaitAsync(DurableTaskClient client, FakeTimeProvider time, string id) =>
        WaitForAsync(client, time, id, h => h.Any(e => e.EventType == EventType.ExecutionCompleted) && h[^1].EventType == EventType.OrchestratorCompleted);

    private static async Task WaitForAsync(DurableTaskClient client, FakeTimeProvider time, string id, Func<IReadOnlyList<HistoryEvent>, bool> done)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!done(await client.GetOrchestrationHistoryAsync(id, cts.Token)))
        {
            // Durable timers (waits, retry backoff) fire as the fake clock moves.
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, cts.Token);
        }
    }
}
