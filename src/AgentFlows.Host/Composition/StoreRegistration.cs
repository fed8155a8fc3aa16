using AgentFlows.Host.Configuration;
using AgentFlows.Storage;
using AgentFlows.Storage.Sqlite;

namespace AgentFlows.Host.Composition;

/// <summary>Chooses the store from the settings.</summary>
internal static class StoreRegistration
{
    /// <summary>Registers the configured <see cref="IOrchestrationStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConfiguredStore(this IServiceCollection services, AgentFlowsSettings settings)
    {
        if (settings.StorageType == "sqlite")
        {
            services.AddSingleton<IOrchestrationStore>(sp => new SqliteOrchestrationStore(
                new SqliteStoreOptions { ConnectionString = settings.ConnectionString }, sp.GetRequiredService<TimeProvider>()));
            return services;
        }

        throw new SettingsException("extensions.durableTask.storageProvider.type", settings.StorageType, "sqlite (the PostgreSQL store is not part of this build yet)");
    }
}
