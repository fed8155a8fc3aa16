using AgentFlows.Client;
using AgentFlows.Hosting;
using AgentFlows.Storage;
using AgentFlows.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFlows.Runtime.Tests;

/// <summary>A runtime over a store with a running worker, for end-to-end engine tests.</summary>
internal sealed class TestRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestRuntime(IOrchestrationStore store, DurableTaskRegistry registry, DurableTaskWorkerOptions options, TimeProvider time, InstanceChangeNotifier changes)
    {
        Store = store;
        _services = new ServiceCollection().BuildServiceProvider();
        Worker = new DurableTaskWorker(store, registry, _services, Options.Create(options), time: time, changes: changes);
        Client = new StoreDurableTaskClient(store, registry, time: time, changes: changes, defaultVersion: options.DefaultVersion);
    }

    public IOrchestrationStore Store { get; }

    public DurableTaskWorker Worker { get; }

    public StoreDurableTaskClient Client { get; }

    public static async Task<TestRuntime> StartAsync(
        Action<DurableTaskRegistry> register, IOrchestrationStore? store = null, TimeProvider? time = null, Action<DurableTaskWorkerOptions>? configure = null, InstanceChangeNotifier? changes = null)
    {
        var registry = new DurableTaskRegistry();
        register(registry);
        var options = new DurableTaskWorkerOptions { MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        time ??= TimeProvider.System;
        var runtime = new TestRuntime(store ?? new InMemoryOrchestrationStore(time), registry, options, time, changes ?? new InstanceChangeNotifier());
        await runtime.Worker.StartAsync(CancellationToken.None);
        return runtime;
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId });
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string id, int seconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(id, true, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        Worker.Dispose();
        await _services.DisposeAsync();
    }
}
