using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace AgentFlows.Agents.Tools.Todos;

/// <summary>
/// Todos in a relational database reached through ADO.NET's provider-neutral <see cref="DbDataSource"/>, which the
/// host creates (the same database as the runtime's store). The SQL of each dialect lives in embedded scripts beside
/// this code, so the agent layer references no database driver.
/// </summary>
/// <remarks>
/// The tables are created on first use, or at start by <see cref="EnsureSchemaAsync"/>, from numbered scripts recorded
/// in <c>agent_schema_versions</c> (idempotent, versioned). Every read and write is scoped by tenant; a todo of another
/// tenant is simply not found. Writes that touch several rows run in one transaction.
/// </remarks>
public sealed partial class DbTodoRepository : ITodoRepository
{
    private const string Component = "todos";
    private static readonly string[] _priorities = ["high", "medium", "low"];
    private readonly DbDataSource _dataSource;
    private readonly AgentFlows.Agents.Data.SqlScripts _sql;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Initializes a new instance of the <see cref="DbTodoRepository"/> class; nothing is opened until first use.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="dialect">Its SQL dialect.</param>
    /// <param name="time">The clock of creation and completion times; the system clock when null.</param>
    public DbTodoRepository(DbDataSource dataSource, TodoSqlDialect dialect, TimeProvider? time = null)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _sql = TodoSql.For(dialect);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Gets the schema version this build creates.</summary>
    public int SchemaVersion => _sql.Migrations[^1].Version;

    /// <summary>Creates or upgrades the tables (idempotent; hosts that start together apply each script once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema version afterwards.</returns>
    public async Task<int> EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = await MigrateAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
            return version;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>Checks a priority and returns it in lower case.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>high, medium or low; null when it is none of them.</returns>
    public static string? NormalizePriority(string? priority)
    {
        var p = priority?.Trim().ToLowerInvariant();
        return p is not null && _priorities.Contains(p) ? p : null;
    }

    private async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, _sql["migration-lock"], cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, _sql["versions-table"], cancellationToken).ConfigureAwait(false);
        await using var read = Command(connection, transaction, _sql["current-version"]);
        Add(read, "component", Component);
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new InvalidOperationException($"The todo tables are at schema version {current}, newer than version {SchemaVersion} that this build knows; upgrade AgentFlows.");
        }

        foreach (var (version, script) in _sql.Migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, script, cancellationToken).ConfigureAwait(false);
            await using var record = Command(connection, transaction, _sql["record-version"]);
            Add(record, "component", Component);
            Add(record, "version", version);
            Add(record, "now", NowMs);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            current = version;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Typed parameters, so "@x IS NULL" has a type on servers that infer parameter types (PostgreSQL).
    private static void Add(DbCommand command, string name, object? value, DbType? type = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = type ?? value switch
        {
            long => DbType.Int64,
            int => DbType.Int32,
            _ => DbType.String,
        };
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static bool TryParseId(string id, out long value) =>
        long.TryParse(id.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static string? DueText(DateOnly? due) => due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string TagsJson(IReadOnlyList<string> tags) => JsonSerializer.Serialize(tags);

    private static List<string> CleanTags(IEnumerable<string>? tags) =>
        (tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
