using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Todos;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>
/// Model versions in the runtime's database through <see cref="DbDataSource"/>, with per-dialect embedded SQL
/// (Lifecycle/Sql). The table is created on first use from numbered scripts recorded in <c>agent_schema_versions</c>.
/// </summary>
public sealed class DbModelRegistry : IModelRegistry
{
    private const string Component = "models";
    private readonly DbDataSource _dataSource;
    private readonly AgentFlows.Agents.Data.SqlScripts _sql;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Initializes a new instance of the <see cref="DbModelRegistry"/> class.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="dialect">Its SQL dialect.</param>
    /// <param name="time">The clock of registration times.</param>
    public DbModelRegistry(DbDataSource dataSource, TodoSqlDialect dialect, TimeProvider? time = null)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _sql = ModelSql.For(dialect);
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task<ModelVersion> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = Command(connection, _sql["insert"]))
        {
            Add(insert, "model", request.Model);
            Add(insert, "baseModel", request.BaseModel);
            Add(insert, "now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            Add(insert, "instance", request.InstanceId);
            Add(insert, "metrics", request.Metrics.ToJsonString());
            Add(insert, "quantType", request.Quantization.Type);
            Add(insert, "quantReason", request.Quantization.Reason);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rows = await QueryAsync(connection, _sql["by-instance"], c => Add(c, "instance", request.InstanceId), cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <inheritdoc/>
    public async Task PromoteAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in new[] { "demote-all", "promote" })
        {
            await using var command = Command(connection, _sql[statement], transaction);
            Add(command, "version", version);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, _sql["list"], null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<ModelVersion?> GetLatestAsync(CancellationToken cancellationToken = default) => SingleAsync("latest", cancellationToken);

    /// <inheritdoc/>
    public Task<ModelVersion?> GetPromotedAsync(CancellationToken cancellationToken = default) => SingleAsync("promoted", cancellationToken);

    /// <summary>Creates or upgrades the table (idempotent).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, _sql["migration-lock"], null, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, _sql["versions-table"], null, cancellationToken).ConfigureAwait(false);
            await using var read = Command(connection, _sql["current-version"], transaction);
            Add(read, "component", Component);
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            foreach (var (version, script) in _sql.Migrations.Where(m => m.Version > current))
            {
                await ExecuteAsync(connection, transaction, script, null, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, _sql["record-version"], c =>
                {
                    Add(c, "component", Component);
                    Add(c, "version", version);
                    Add(c, "now", _time.GetUtcNow().ToUnixTimeMilliseconds());
                }, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task<ModelVersion?> SingleAsync(string statement, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, _sql[statement], null, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<ModelVersion>> QueryAsync(DbConnection connection, string sql, Action<DbCommand>? bind, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        bind?.Invoke(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ModelVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ModelVersion(
                Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.GetString(1),
                reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)),
                reader.GetString(4),
                JsonNode.Parse(reader.GetString(5)) as JsonObject ?? [],
                new QuantizationInfo(reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7)),
                Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture) == 1));
        }

        return rows;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, Action<DbCommand>? bind, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, transaction);
        bind?.Invoke(command);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    // Typed parameters, so a null has a type on servers that infer parameter types (PostgreSQL).
    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = value switch
        {
            long => DbType.Int64,
            int => DbType.Int32,
            _ => DbType.String,
        };
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
