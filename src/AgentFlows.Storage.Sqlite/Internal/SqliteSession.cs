using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite.Internal;

/// <summary>
/// One open connection with its prepared statements. Used by one caller at a time: the store's single writer
/// session is guarded by a semaphore, read sessions are rented from a pool.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    // Keyed by reference: every cached text is a constant of Sql, so lookups skip hashing long strings.
    private readonly Dictionary<string, SqliteCommand> _commands = new(ReferenceEqualityComparer.Instance);

    private SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    /// <summary>Gets the connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Opens a connection and applies the per-connection settings.</summary>
    /// <param name="connectionString">The connection string (pooling off: sessions live as long as the store).</param>
    /// <param name="busyTimeout">How long to wait for another process's lock.</param>
    /// <param name="readOnly">Whether the session only reads.</param>
    /// <returns>The session.</returns>
    public static SqliteSession Open(string connectionString, TimeSpan busyTimeout, bool readOnly)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            var busyMs = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            // A reader's page cache is dropped whole at its next read after any commit of the writer, so readers keep a
            // small one and read the main file through the memory map. The writer's cache stays warm; its WAL is
            // checkpointed every 8192 pages instead of 1000 so that hot pages are written back less often.
            pragma.CommandText =
                $"PRAGMA busy_timeout = {busyMs}; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;" +
                (readOnly
                    ? " PRAGMA query_only = 1; PRAGMA cache_size = -1024; PRAGMA mmap_size = 268435456;"
                    : " PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 8192; PRAGMA journal_size_limit = 67108864;");
            pragma.ExecuteNonQuery();
            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Returns the cached prepared command for a constant statement, with its parameters cleared.</summary>
    /// <param name="sql">A constant of <see cref="Sql"/>.</param>
    /// <returns>The command.</returns>
    public SqliteCommand Command(string sql)
    {
        ref var command = ref CollectionsMarshal.GetValueRefOrAddDefault(_commands, sql, out var exists);
        if (!exists)
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
        }

        command!.Parameters.Clear();
        return command;
    }

    /// <summary>Starts a write transaction that takes the database write lock at once.</summary>
    public void Begin() => Command(Sql.Begin).ExecuteNonQuery();

    /// <summary>Commits the transaction.</summary>
    public void Commit() => Command(Sql.Commit).ExecuteNonQuery();

    /// <summary>Gets a value indicating whether a transaction is open (SQLite ends one by itself after some errors).</summary>
    public bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) == 0;

    /// <summary>Rolls the transaction back if one is open.</summary>
    public void Rollback()
    {
        if (InTransaction)
        {
            Command(Sql.Rollback).ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}

/// <summary>Parameter binding shorthands.</summary>
internal static class SqliteCommandExtensions
{
    /// <summary>Adds a parameter; null becomes SQL NULL.</summary>
    /// <param name="command">The command.</param>
    /// <param name="name">The parameter name, with its <c>$</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The command.</returns>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
