namespace AgentFlows.Testing.Postgres;

/// <summary>
/// The PostgreSQL server a test run uses: the one <see cref="ConnectionStringVariable"/> names, or else a throwaway
/// <see cref="PostgresCluster"/> started for the run and removed after it. Either way <c>dotnet test</c> needs nothing
/// else; a machine with neither fails with a message that says what to install.
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    /// <summary>The environment variable naming the connection string of an existing server to use instead of a throwaway cluster.</summary>
    public const string ConnectionStringVariable = "AGENTFLOWS_TEST_POSTGRES";

    private PostgresTestServer(string connectionString, PostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        Cluster = cluster;
    }

    /// <summary>Gets the connection string (a role that may create schemas and databases).</summary>
    public string ConnectionString { get; }

    /// <summary>Gets the throwaway cluster, or null when an existing server was named.</summary>
    public PostgresCluster? Cluster { get; }

    /// <summary>Uses the server named by <see cref="ConnectionStringVariable"/>, or starts a throwaway cluster.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The server.</returns>
    public static async Task<PostgresTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } connectionString)
        {
            return new PostgresTestServer(connectionString, cluster: null);
        }

        var cluster = await PostgresCluster.StartAsync(cancellationToken).ConfigureAwait(false);
        return new PostgresTestServer(cluster.ConnectionString, cluster);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync().ConfigureAwait(false);
        }
    }
}
