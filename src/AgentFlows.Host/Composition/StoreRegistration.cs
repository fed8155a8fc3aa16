using AgentFlows.Host.Configuration;
using AgentFlows.Storage;
using AgentFlows.Storage.PostgreSql;
using AgentFlows.Storage.Sqlite;

namespace AgentFlows.Host.Composition;

/// <summary>Chooses the store from the settings: the embedded SQLite file, or PostgreSQL shared by many hosts.</summary>
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

        services.AddSingleton<IOrchestrationStore>(sp => new PostgreSqlOrchestrationStore(
            new PostgreSqlStoreOptions
            {
                ConnectionString = settings.ConnectionString,
                HubName = settings.HubName,
                MaxConcurrentOrchestrations = settings.Worker.MaxConcurrentOrchestratorFunctions,
                MaxConcurrentActivities = settings.Worker.MaxConcurrentActivityFunctions,
            },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PostgreSqlOrchestrationStore>>()));
        return services;
    }
}
