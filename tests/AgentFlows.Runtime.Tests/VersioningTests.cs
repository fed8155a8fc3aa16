using AgentFlows.Client;
using AgentFlows.History;
using AgentFlows.Hosting;
using AgentFlows.Storage.Sqlite;

namespace AgentFlows.Runtime.Tests;

/// <summary>
/// Redeploying under in-flight instances: an instance started on version 1 finishes on version 2 code that uses
/// IsPatched after the host restarts on the same SQLite database, and an incompatible change fails the instance with
/// a readable diff instead of corrupting it.
/// </summary>
public sealed class VersioningTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentflows-tests", Path.GetRandomFileName());
    private int _audits;
    private int _others;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task IsPatched_InstanceStartedOnV1_FinishesOnRestartedV2HostWithoutThePatchNewInstancesTakeIt()
    {
        string old;
        await using (var v1 = await StartAsync(V1, "1.0"))
        {
            old = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Order", "a");
            await DeterminismTests.WaitForHistoryAsync(v1, old, EventType.TaskCompleted);
        }

        // Restart: a new host with the version 2 code on the same database; replays every episode from history.
        await using var v2 = await StartAsync(V2, "2.0", o => o.VersionMatchStrategy = VersionMatchStrategy.CurrentOrOlder);
        await v2.Client.RaiseEventAsync(old, "go", "b");
        var finished = await v2.WaitAsync(old);
        var fresh = await v2.Client.ScheduleNewOrchestrationInstanceAsync("Order", "x");
        await DeterminismTests.WaitForHistoryAsync(v2, fresh, EventType.TaskCompleted);
        await v2.Client.RaiseEventAsync(fresh, "go", "y");
        var patched = await v2.WaitAsync(fresh);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("1.0:A+B", finished.ReadOutputAs<string>());
        Assert.DoesNotContain(await v2.Client.GetOrchestrationHistoryAsync(old), e => PatchMarkers.TryRead(e, out _));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, patched.RuntimeStatus);
        Assert.Equal("2.0:X+audited+Y", patched.ReadOutputAs<string>());
        Assert.Single(await v2.Client.GetOrchestrationHistoryAsync(fresh), e => PatchMarkers.TryRead(e, out var name) && name == "audit");
        Assert.Equal(1, _audits);
    }

    [Fact]
    public async Task Replay_IncompatibleChange_FailsWithReadableDiffAndWritesNothingElse()
    {
        string id;
        await using (var v1 = await StartAsync(V1, "1.0"))
        {
            id = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Order", "a");
            await DeterminismTests.WaitForHistoryAsync(v1, id, EventType.TaskCompleted);
        }

        await using var broken = await StartAsync(r => r
            .AddActivityFunc<string, string>("Other", (_, x) => Task.FromResult(Interlocked.Increment(ref _others).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .AddOrchestratorFunc<string, string>("Order", async (ctx, input) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(5), CancellationToken.None);
                return await ctx.CallActivityAsync<string>("Other", input);
            }), "2.0");
        var before = await broken.Client.GetOrchestrationHistoryAsync(id);
        await broken.Client.RaiseEventAsync(id, "go", "b");
        var failed = await broken.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        var message = failed.FailureDetails!.ErrorMessage;
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, failed.FailureDetails.ErrorType);
        Assert.Contains("  orchestrator:       'Order'", message, StringComparison.Ordinal);
        Assert.Contains("version '1.0'", message, StringComparison.Ordinal);
        Assert.Contains("  sequence number:    0", message, StringComparison.Ordinal);
        Assert.Contains("  - expected (history): an activity task named 'Step'", message, StringComparison.Ordinal);
        Assert.Matches(@"  \+ actual \(code\):      a timer, asked for at VersioningTests\.cs:\d+", message);
        var after = await broken.Client.GetOrchestrationHistoryAsync(id);
        // Replay stops at the mismatch: only the failure is appended, no timer, no activity, no message.
        Assert.Equal([EventType.ExecutionCompleted, EventType.OrchestratorCompleted], after.Skip(before.Count).Select(e => e.EventType));
        Assert.Equal(before.Select(e => e.EventType), after.Take(before.Count).Select(e => e.EventType));
        Assert.Equal(0, _others);
    }

    private void V1(DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("Step", (_, x) => Task.FromResult(x.ToUpperInvariant()))
        .AddOrchestratorFunc<string, string>("Order", async (ctx, input) =>
        {
            var first = await ctx.CallActivityAsync<string>("Step", input);
            var next = await ctx.WaitForExternalEvent<string>("go");
            return $"{ctx.Version}:{first}+{await ctx.CallActivityAsync<string>("Step", next)}";
        });

    private void V2(DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("Step", (_, x) => Task.FromResult(x.ToUpperInvariant()))
        .AddActivityFunc<string, string>("Audit", (_, x) => Task.FromResult(x + "+" + (Interlocked.Increment(ref _audits) > 0 ? "audited" : string.Empty)))
        .AddOrchestratorFunc<string, string>("Order", async (ctx, input) =>
        {
            var first = await ctx.CallActivityAsync<string>("Step", input);
            if (ctx.IsPatched("audit"))
            {
                first = await ctx.CallActivityAsync<string>("Audit", first);
            }

            var next = await ctx.WaitForExternalEvent<string>("go");
            return $"{ctx.Version}:{first}+{await ctx.CallActivityAsync<string>("Step", next)}";
        });

    private Task<TestRuntime> StartAsync(Action<DurableTaskRegistry> register, string version, Action<DurableTaskWorkerOptions>? configure = null)
    {
        var store = new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "store.db")}" });
        Directory.CreateDirectory(_folder);
        return TestRuntime.StartAsync(register, store, configure: o =>
        {
            o.DefaultVersion = version;
            o.ExtendedSessionsEnabled = false;
            configure?.Invoke(o);
        });
    }
}
