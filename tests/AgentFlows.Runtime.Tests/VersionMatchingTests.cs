using System.Reflection;
using AgentFlows.Client;
using AgentFlows.Hosting;
using AgentFlows.Storage;
using AgentFlows.Storage.InMemory;
using AgentFlows.Testing;

namespace AgentFlows.Runtime.Tests;

/// <summary>versionMatchStrategy / versionFailureStrategy: which host runs which instance, and what happens to the others.</summary>
public sealed class VersionMatchingTests
{
    [Fact]
    public async Task Strict_ForeignVersionInstance_MismatchingWorkerNeverRunsItMatchingWorkerCompletesIt()
    {
        var time = new FakeTimeProvider();
        var inner = new InMemoryOrchestrationStore(time);
        var spy = RejectSpy.Wrap(inner);
        await using var old = await TestRuntime.StartAsync(Register, spy.Store, time, Strict("1.0"));
        var id = await old.Client.ScheduleNewOrchestrationInstanceAsync("Versioned", null, new StartOrchestrationOptions { Version = "2.0" });

        // The 1.0 host takes it, gives it back untouched, and after the reject delay takes and rejects it again.
        await spy.Rejected(1).WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(6));
        await spy.Rejected(2).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await old.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Empty(await inner.GetHistoryAsync(id));

        await using var matching = await TestRuntime.StartAsync(Register, inner, time, Strict("2.0"));
        var done = await RetryAndRewindTests.DriveAsync(matching, time, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("2.0/2.0", done.ReadOutputAs<string>());
        Assert.Equal(0, spy.Checkpoints);
    }

    [Fact]
    public async Task Fail_ForeignVersionInstance_FailsWithVersionMismatchWithoutRunningCode()
    {
        var ran = false;
        await using var rt = await TestRuntime.StartAsync(
            r => r.AddOrchestratorFunc<object?, string>("Versioned", (_, _) => { ran = true; return Task.FromResult("ran"); }),
            configure: o =>
            {
                Strict("1.0")(o);
                o.VersionFailureStrategy = VersionFailureStrategy.Fail;
            });
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("Versioned", null, new StartOrchestrationOptions { Version = "2.0" });
        var result = await rt.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("VersionMismatch", result.FailureDetails!.ErrorType);
        Assert.Equal("The orchestration version '2.0' does not match the worker version '1.0' (versionMatchStrategy Strict).", result.FailureDetails.ErrorMessage);
        Assert.False(ran);
    }

    [Fact]
    public async Task CurrentOrOlder_OlderInstance_RunsAndItsChildInheritsItsVersion()
    {
        await using var rt = await TestRuntime.StartAsync(Register, configure: o =>
        {
            o.DefaultVersion = "2.0";
            o.VersionMatchStrategy = VersionMatchStrategy.CurrentOrOlder;
        });
        var older = await rt.RunAsync("VersionedParent", null, "older");
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("VersionedParent", null, new StartOrchestrationOptions { Version = "1.5" });
        var explicitOlder = await rt.WaitAsync(id);

        Assert.Equal("2.0/2.0|-1", older.ReadOutputAs<string>());
        Assert.Equal("1.5/1.5|-1", explicitOlder.ReadOutputAs<string>());
    }

    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "2.0", -1)]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("2.0.1", "2.0", 1)]
    [InlineData("", "", 0)]
    [InlineData(null, " ", 0)]
    [InlineData("", "1.0", -1)]
    [InlineData("1.0", null, 1)]
    [InlineData("beta", "alpha", 1)]
    [InlineData("V2", "v2", 0)]
    [InlineData("10", "9", -1)]
    public void CompareVersionTo_DurableFunctionsCases_OrdersAsDurableFunctions(string? version, string? other, int expected)
    {
        Assert.Equal(expected, Math.Sign(OrchestrationVersions.Compare(version, other)));
    }

    private static Action<DurableTaskWorkerOptions> Strict(string version) => o =>
    {
        o.DefaultVersion = version;
        o.VersionMatchStrategy = VersionMatchStrategy.Strict;
        o.VersionRejectDelay = TimeSpan.FromSeconds(5);
    };

    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<object?, string>("Versioned", (ctx, _) => Task.FromResult(ctx.Version + "/" + ctx.Version))
        .AddOrchestratorFunc<object?, string>("VersionedParent", async (ctx, _) =>
            ctx.Version + "/" + await ctx.CallSubOrchestratorAsync<string>("VersionedChild") + "|" + ctx.CompareVersionTo("3.0"))
        .AddOrchestratorFunc<object?, string>("VersionedChild", (ctx, _) => Task.FromResult(ctx.Version));

    /// <summary>Counts a worker's rejections (a lease shortened without a checkpoint) and its checkpoints.</summary>
    public class RejectSpy : DispatchProxy
    {
        private readonly List<(int Count, TaskCompletionSource Signal)> _waits = [];
        private IOrchestrationStore _inner = null!;
        private int _rejections;
        private int _checkpoints;

        public IOrchestrationStore Store { get; private set; } = null!;

        public int Checkpoints => Volatile.Read(ref _checkpoints);

        public static RejectSpy Wrap(IOrchestrationStore inner)
        {
            var store = Create<IOrchestrationStore, RejectSpy>();
            var proxy = (RejectSpy)(object)store;
            proxy._inner = inner;
            proxy.Store = store;
            return proxy;
        }

        public Task Rejected(int count)
        {
            lock (_waits)
            {
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_rejections >= count)
                {
                    signal.SetResult();
                }

                _waits.Add((count, signal));
                return signal.Task;
            }
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = targetMethod!.Invoke(_inner, args);
            if (targetMethod.Name == nameof(IOrchestrationStore.CompleteOrchestrationAsync))
            {
                Interlocked.Increment(ref _checkpoints);
            }
            else if (targetMethod.Name == nameof(IOrchestrationStore.RenewOrchestrationAsync))
            {
                lock (_waits)
                {
                    _rejections++;
                    _waits.Where(w => w.Count <= _rejections).ToList().ForEach(w => w.Signal.TrySetResult());
                }
            }

            return result;
        }
    }
}
