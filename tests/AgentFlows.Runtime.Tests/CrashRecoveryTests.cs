using System.Reflection;
using AgentFlows.History;
using AgentFlows.Storage;
using AgentFlows.Storage.InMemory;
using AgentFlows.Testing;

namespace AgentFlows.Runtime.Tests;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Worker_DiesAfterActivityRanBeforeCheckpoint_NewWorkerFinishesWithoutLosingOrRepeatingWork()
    {
        var time = new FakeTimeProvider();
        var inner = new InMemoryOrchestrationStore(time);
        var runs = new Dictionary<string, int>();
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<string, string>("Step", (_, name) =>
            {
                lock (runs)
                {
                    runs[name] = runs.GetValueOrDefault(name) + 1;
                }

                return Task.FromResult(name.ToUpperInvariant());
            })
            .AddOrchestratorFunc<object?, string>("Steps", async (ctx, _) =>
                await ctx.CallActivityAsync<string>("Step", "a") + await ctx.CallActivityAsync<string>("Step", "b") + await ctx.CallActivityAsync<string>("Step", "c"));

        // Host 1 freezes (as if killed) at the checkpoint that would apply step b's result.
        var frozen = HangingStore.Wrap(inner, hangAtCheckpointNumber: 3);
        var host1 = await TestRuntime.StartAsync(Register, frozen.Store, time, o => o.OrchestrationLease = TimeSpan.FromSeconds(30));
        var id = await host1.Client.ScheduleNewOrchestrationInstanceAsync("Steps");
        await frozen.Hung.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await using var host2 = await TestRuntime.StartAsync(Register, inner, time);
        var result = await RetryAndRewindTests.DriveAsync(host2, time, id);

        Assert.Equal("ABC", result.ReadOutputAs<string>());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 1 }, runs);
        var history = await inner.GetHistoryAsync(id);
        Assert.Equal([0, 1, 2], history.Where(e => e.EventType == EventType.TaskCompleted).Select(e => e.TaskScheduledId!.Value));

        // The frozen host wakes up late: its stale checkpoint is fenced out and changes nothing.
        frozen.Release.SetResult();
        await host1.DisposeAsync();
        Assert.Equal(history.Count, (await inner.GetHistoryAsync(id)).Count);
    }

    [Fact]
    public void RuntimeAssembly_References_NoAspNetCoreNpgsqlOrSqlite()
    {
        var references = typeof(Hosting.DurableTaskWorker).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.Contains("Sqlite", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("AgentFlows.Abstractions", references);
    }

    /// <summary>A store whose N-th checkpoint never returns until released, then goes through (to be fenced).</summary>
    public class HangingStore : DispatchProxy
    {
        private IOrchestrationStore _inner = null!;
        private int _target;
        private int _checkpoints;

        public IOrchestrationStore Store { get; private set; } = null!;

        public TaskCompletionSource Hung { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static HangingStore Wrap(IOrchestrationStore inner, int hangAtCheckpointNumber)
        {
            var store = Create<IOrchestrationStore, HangingStore>();
            var proxy = (HangingStore)(object)store;
            proxy._inner = inner;
            proxy._target = hangAtCheckpointNumber;
            proxy.Store = store;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IOrchestrationStore.CompleteOrchestrationAsync) && Interlocked.Increment(ref _checkpoints) == _target)
            {
                return HangThenCommitAsync(args!);
            }

            return targetMethod.Invoke(_inner, args);
        }

        private async Task<long> HangThenCommitAsync(object?[] args)
        {
            Hung.SetResult();
            await Release.Task;
            return await _inner.CompleteOrchestrationAsync((OrchestrationWorkItem)args[0]!, (OrchestrationCheckpoint)args[1]!);
        }
    }
}
