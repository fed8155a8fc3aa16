using AgentFlows.Testing.Postgres;
using Npgsql;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>
/// One PostgreSQL server for every test of the <see cref="PostgresCollection"/>: a throwaway cluster, or the server
/// that <c>AGENTFLOWS_TEST_POSTGRES</c> names. Each test works in a schema of its own, dropped afterwards.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresTestServer? _server;

    /// <summary>Gets the server's connection string.</summary>
    public string ConnectionString => (_server ?? throw new InvalidOperationException("The server starts in InitializeAsync.")).ConnectionString;

    public async Task InitializeAsync() => _server = await PostgresTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchemaName() => "test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Creates a store in <paramref name="schema"/> (not yet initialized).</summary>
    public PostgreSqlOrchestrationStore CreateStore(
        string schema, TimeProvider time, string hub = PostgreSqlStoreOptions.DefaultHubName, Func<PostgreSqlStoreOptions, PostgreSqlStoreOptions>? configure = null)
    {
        var options = new PostgreSqlStoreOptions { ConnectionString = ConnectionString, Schema = schema, HubName = hub, MaxPoolSize = 8 };
        return new(configure is null ? options : configure(options), time);
    }

    /// <summary>Runs one statement and returns the first column of every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>Drops a test's schema with everything in it.</summary>
    public Task DropSchemaAsync(string schema) => QueryAsync<int>($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
}

/// <summary>The tests that share one <see cref="PostgresFixture"/> (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Postgres";
}
