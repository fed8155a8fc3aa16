using AgentFlows.Testing.Postgres;
using Npgsql;

namespace AgentFlows.MultiHost.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL cluster per test class (the tests restart it, so it is never a shared server); a database per test.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;
    private int _databases;

    /// <summary>Gets the cluster.</summary>
    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    /// <returns>The connection string.</returns>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "multihost_" + Interlocked.Increment(ref _databases);
        // Unpooled: a pooled connection would be one the tests' server restart has already closed.
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return Cluster.ConnectionStringFor(name);
    }

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
