namespace AgentFlows.Storage.Sqlite;

/// <summary>Options of the <see cref="SqliteOrchestrationStore"/>.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The connection string used when none is given: a file under <c>.agentflows/</c> in the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=.agentflows/agentflows.db";

    /// <summary>Gets the Microsoft.Data.Sqlite connection string; the directory of the database file is created when missing.</summary>
    public string ConnectionString { get; init; } = DefaultConnectionString;

    /// <summary>Gets how long a statement waits for another process's write lock before it fails.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how many idle read connections are kept open for concurrent reads.</summary>
    public int MaxIdleReadConnections { get; init; } = 4;
}
