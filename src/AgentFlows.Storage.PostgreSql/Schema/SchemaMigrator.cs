using System.Globalization;
using System.Text;
using AgentFlows.Storage.PostgreSql.Internal;
using Npgsql;

namespace AgentFlows.Storage.PostgreSql.Schema;

/// <summary>
/// Creates and upgrades a schema from the embedded scripts <c>Scripts/NNN_name.sql</c>: the scripts newer than the
/// version recorded in <c>schema_version</c> run in order, all in one transaction under a transaction-scoped advisory
/// lock, so a database is never left half-migrated and hosts that start together apply each script exactly once.
/// </summary>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "AgentFlows.Storage.PostgreSql.Scripts.";
    private const string SchemaPlaceholder = "__schema__";

    /// <summary>Gets the embedded scripts, oldest first.</summary>
    public static IReadOnlyList<(int Version, string Name)> Scripts { get; } = EmbeddedScripts.Find(typeof(SchemaMigrator).Assembly, ResourcePrefix);

    /// <summary>Gets the schema version this build creates.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    /// <summary>Applies the missing scripts to <paramref name="schema"/>.</summary>
    /// <param name="connection">An open connection, not in a transaction.</param>
    /// <param name="schema">The unquoted schema name.</param>
    /// <param name="nowTicks">The time recorded with each applied script.</param>
    /// <param name="cancellationToken">Cancels the migration (rolling it back).</param>
    /// <returns>The schema version afterwards.</returns>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, string schema, long nowTicks, CancellationToken cancellationToken)
    {
        var quoted = Sql.QuoteIdentifier(schema);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // Hosts that start together queue here; the loser then finds the scripts applied. CREATE SCHEMA IF NOT EXISTS
        // alone is not enough: two sessions can both pass its existence check and one fails on the catalog's key.
        command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        command.Parameters.With("key", LockKey(schema));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.Parameters.Clear();

        // Creating the schema only when it is missing lets a role without CREATE on the database use a schema that an
        // administrator made for it.
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)";
        command.Parameters.With("schema", schema);
        var exists = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        command.Parameters.Clear();
        command.CommandText = (exists ? string.Empty : $"CREATE SCHEMA {quoted};") +
            $"CREATE TABLE IF NOT EXISTS {quoted}.schema_version (version integer NOT NULL PRIMARY KEY, script text NOT NULL, applied_at bigint NOT NULL);" +
            $"SELECT coalesce(max(version), 0) FROM {quoted}.schema_version";
        var current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema {quoted} is version {current}, newer than version {LatestVersion} that this build knows; upgrade AgentFlows.");
        }

        foreach (var (version, name) in Scripts.Where(s => s.Version > current))
        {
            command.CommandText = EmbeddedScripts.Read(typeof(SchemaMigrator).Assembly, name).Replace(SchemaPlaceholder, quoted, StringComparison.Ordinal);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = $"INSERT INTO {quoted}.schema_version (version, script, applied_at) VALUES (@version, @script, @at)";
            command.Parameters.With("version", version).With("script", name[ResourcePrefix.Length..]).With("at", nowTicks);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.Parameters.Clear();
            current = version;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    /// <summary>A stable 64-bit key per schema (FNV-1a), so migrations of different schemas do not wait for each other.</summary>
    /// <param name="schema">The schema name.</param>
    /// <returns>The advisory lock key.</returns>
    internal static long LockKey(string schema)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("agentflows-migrate:" + schema))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
