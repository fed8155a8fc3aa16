using AgentFlows.Client;
using AgentFlows.Execution;
using AgentFlows.Serialization;
using AgentFlows.Storage;
using AgentFlows.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Hosting;

/// <summary>Registers the runtime: the registry, the client, the worker. A store is registered separately.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the durable runtime.</summary>
    /// <param name="services">The services.</param>
    /// <param name="registry">Adds orchestrators and activities.</param>
    /// <param name="worker">Configures the worker.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAgentFlowsRuntime(
        this IServiceCollection services, Action<DurableTaskRegistry> registry, Action<DurableTaskWorkerOptions>? worker = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var tasks = new DurableTaskRegistry();
        registry(tasks);
        services.AddSingleton(tasks);
        services.AddOptions<DurableTaskWorkerOptions>().Configure(o => worker?.Invoke(o));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DataConverter.Default);
        services.TryAddSingleton(new RuntimeLimits());
        services.TryAddSingleton(new InstanceChangeNotifier());
        services.TryAddSingleton<DurableTaskClient>(sp => new StoreDurableTaskClient(
            sp.GetRequiredService<IOrchestrationStore>(), tasks, sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<RuntimeLimits>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<InstanceChangeNotifier>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableTaskWorkerOptions>>().Value.DefaultVersion));
        services.AddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<IOrchestrationStore>(), tasks, sp,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableTaskWorkerOptions>>(),
            sp.GetRequiredService<RuntimeLimits>(), sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>(), sp.GetRequiredService<InstanceChangeNotifier>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        return services;
    }

    /// <summary>Uses the in-memory store (tests and experiments: nothing survives the process).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddInMemoryOrchestrationStore(this IServiceCollection services)
    {
        services.AddSingleton<IOrchestrationStore>(sp => new InMemoryOrchestrationStore(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
