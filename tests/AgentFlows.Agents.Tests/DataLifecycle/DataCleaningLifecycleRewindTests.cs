using System.Text.Json.Nodes;
using AgentFlows.Agents.DataLifecycle;
using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.History;

namespace AgentFlows.Agents.Tests.DataLifecycle;

/// <summary>A failed lifecycle is rewound to the step that failed: the rounds already done are kept, not re-run.</summary>
public sealed class DataCleaningLifecycleRewindTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Rewind_PublishFailedAfterTheRounds_ReRunsOnlyPublishAndKeepsEveryRound()
    {
        await using var runtime = await LifecycleRuntime.StartAsync(_data);

        // A folder where the cleaned file must go: every round succeeds, publishing fails.
        var blocker = Path.Combine(_data.Root, "samples", "messy.cleaned.csv");
        Directory.CreateDirectory(blocker);
        var failed = await runtime.RunAsync("""{"path":"samples/messy.csv"}""");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        var child = DataLifecycleNames.ChildInstanceId(failed.InstanceId, "clean");
        var roundFiles = Directory.GetFiles(Path.Combine(_data.Root, "runs", failed.InstanceId, "clean"), "round-*.csv")
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.NotEmpty(roundFiles);

        Directory.Delete(blocker);
        await runtime.Client.RewindInstanceAsync(failed.InstanceId, "the folder is out of the way");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // The rewind is a message: wait until the run has taken it (it leaves Failed), then until it ends.
        while ((await runtime.Client.GetInstanceAsync(failed.InstanceId, false, cts.Token))!.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
        {
            await Task.Delay(20, cts.Token);
        }

        var done = await runtime.Client.WaitForInstanceCompletionAsync(failed.InstanceId, true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var rounds = JsonNode.Parse(done.SerializedOutput!)!["result"]!["rounds"]!.AsArray();
        var history = await runtime.Client.GetOrchestrationHistoryAsync(child);
        var scheduled = history.Where(e => e.EventType == EventType.TaskScheduled).GroupBy(e => e.Name).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(1, scheduled[DataLifecycleNames.Load]);
        Assert.Equal(rounds.Count, scheduled[DataLifecycleNames.Apply]);
        Assert.Equal(rounds.Count, scheduled[DataLifecycleNames.Validate]);
        Assert.Equal(1, scheduled[DataLifecycleNames.Publish]);
        Assert.Single(history, e => e.EventType == EventType.TaskCompleted && history.Any(s => s.EventType == EventType.TaskScheduled && s.EventId == e.TaskScheduledId && s.Name == DataLifecycleNames.Publish));
        Assert.All(roundFiles, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));
        Assert.True(File.Exists(blocker));
    }
}
