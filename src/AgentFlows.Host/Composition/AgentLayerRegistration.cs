using System.Data.Common;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Usage;
using AgentFlows.Agents.Tools.Data;
using AgentFlows.Agents.Tools.Python;
using AgentFlows.Agents.Tools.Todos;
using AgentFlows.Host.Api;
using AgentFlows.Host.Configuration;
using AgentFlows.Host.Runs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace AgentFlows.Host.Composition;

/// <summary>
/// Registers what the agent layer needs from the host: the data folder of the data tools, the Python sandbox's options,
/// the todo store over a <see cref="DbDataSource"/> on the runtime's own database, and the run API's settings.
/// </summary>
internal static class AgentLayerRegistration
{
    /// <summary>Registers the agent layer's services.</summary>
    /// <param name="services">The services.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="contentRoot">The content root; the data folder is <c>.agentflows/data</c> under it unless set.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAgentLayer(this IServiceCollection services, AgentFlowsSettings settings, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(DataFolderSetup.Prepare(configuration, contentRoot));
        services.AddSingleton(new AgentFlows.Agents.Tools.Caching.PureToolCache());

        // One registry for the whole host: GET /api/tools, the run API's validator and planner, the planning activity
        // and the orchestration's step versions. It is the built-in one, which the tool activities describe themselves from.
        services.AddSingleton(ToolRegistry.Default);
        services.AddSingleton(ToolUsage.Shared);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section));

        // code.python: binaries, default limits and caps (AgentFlows:Sandbox:*); the activities take the plain options.
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxOptions>>().Value);

        // The run API plans before it starts a run unless the LLM planner may plan, which happens in the run's activity.
        services.AddLlmGateway(configuration, settings.StorageType == "postgres");
        services.AddSingleton(sp => new RunPlannerSettings(sp.GetService<IChatClient>() is not null, sp.GetRequiredService<ToolRegistry>()));

        // One database for the runtime and the agent layer's tables: one connection string, one backup.
        var postgres = settings.StorageType == "postgres";
        services.AddSingleton<DbDataSource>(_ => postgres
            ? Npgsql.NpgsqlDataSource.Create(settings.ConnectionString)
            : SqliteFactory.Instance.CreateDataSource(settings.ConnectionString));
        var dialect = postgres ? TodoSqlDialect.PostgreSql : TodoSqlDialect.Sqlite;
        services.AddSingleton(sp => new DbTodoRepository(sp.GetRequiredService<DbDataSource>(), dialect, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITodoRepository>(sp => sp.GetRequiredService<DbTodoRepository>());
        services.AddHostedService<AgentSchemaStartup>();
        return services;
    }
}

/// <summary>Creates or upgrades the agent layer's tables when the host starts, so a broken database stops start-up.</summary>
/// <param name="todos">The todo store.</param>
internal sealed class AgentSchemaStartup(DbTodoRepository todos) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => todos.EnsureSchemaAsync(cancellationToken);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
