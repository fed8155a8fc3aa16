using AgentFlows.Client;
using AgentFlows.Hosting;
using Microsoft.Extensions.Options;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>
/// Held instances under the real runtime: while an activity kept by its host runs, the instance stays leased to that
/// host, and a client of another host can still raise an event or terminate it at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HeldInstanceRuntimeTests(PostgresFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(20);
    private readonly string _schema = PostgresFixture.NewSchemaName();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PostgreSqlOrchestrationStore> _stores = [];
    private DurableTaskWorker? _worker;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        if (_worker is not null)
        {
            await _worker.StopAsync(CancellationToken.None);
            _worker.Dispose();
        }

        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await fixture.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task RaiseEventAsync_FromAnotherHostWhileTheKeptActivityRuns_OrchestrationTakesTheEventAtOnce()
    {
        var (client, id) = await StartHeldAsync();

        await client.RaiseEventAsync(id, "go", "now");
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Prompt);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("\"event\"", done.SerializedOutput);
        Assert.False(_gate.Task.IsCompleted);
    }

    [Fact]
    public async Task TerminateInstanceAsync_FromAnotherHostWhileTheKeptActivityRuns_InstanceEndsAtOnce()
    {
        var (client, id) = await StartHeldAsync();

        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "stop" });
        var done = await client.WaitForInstanceCompletionAsync(id).WaitAsync(Prompt);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.False(_gate.Task.IsCompleted);
    }

    [Fact]
    public async Task KeptActivity_CompletesUnderTheHold_OrchestrationFinishesWithItsResult()
    {
        var (client, id) = await StartHeldAsync();

        _gate.SetResult();
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Prompt);

        Assert.Equal("\"activity\"", done.SerializedOutput);
        Assert.Equal([0L], await fixture.QueryAsync<long>($"SELECT count(*) FROM \"{_schema}\".activity_messages"));
    }

    /// <summary>Starts a worker host and the orchestration, waits until it is held, and returns a client of a second host.</summary>
    private async Task<(DurableTaskClient Client, string Id)> StartHeldAsync()
    {
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("Block", async (_, _) =>
            {
                await _gate.Task;
                return "done";
            })
            .AddOrchestratorFunc<string, string>("WaitEither", async (ctx, _) =>
            {
                var activity = ctx.CallActivityAsync<string>("Block", "x");
                var approval = ctx.WaitForExternalEvent<string>("go");
                return await Task.WhenAny(activity, approval) == approval ? "event" : "activity";
            });
        var worker = Store();
        _worker = new DurableTaskWorker(worker, registry, new NoServices(), Options.Create(new DurableTaskWorkerOptions()));
        await _worker.StartAsync(CancellationToken.None);
        var id = await new StoreDurableTaskClient(worker, registry).ScheduleNewOrchestrationInstanceAsync("WaitEither", "x");

        using var deadline = new CancellationTokenSource(Prompt);
        while ((await fixture.QueryAsync<bool>($"SELECT coalesce(lock_token LIKE '%/held', false) FROM \"{_schema}\".instances WHERE instance_id = '{id}'")) is not [true])
        {
            await Task.Delay(20, deadline.Token);
        }

        return (new StoreDurableTaskClient(Store(), registry), id);
    }

    private PostgreSqlOrchestrationStore Store()
    {
        var store = fixture.CreateStore(_schema, TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
