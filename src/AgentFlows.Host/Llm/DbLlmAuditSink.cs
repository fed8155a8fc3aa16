using System.Data.Common;
using System.Text.Json;
using AgentFlows.Agents.Llm.Audit;

namespace AgentFlows.Host.Llm;

/// <summary>
/// The LLM audit trail in the runtime's own database (table <c>llm_audit</c>): every call's prompt, response,
/// model, tokens, latency and cache decision, kept with its run and tenant so <c>GET /api/runs/{id}/audit</c> can
/// export it and the fine-tuning lifecycle can learn from it. The same SQL serves SQLite and PostgreSQL.
/// </summary>
/// <param name="dataSource">The database.</param>
/// <param name="postgres">Whether the database is PostgreSQL.</param>
internal sealed class DbLlmAuditSink(DbDataSource dataSource, bool postgres) : ILlmAuditSink
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _schema = new(1, 1);
    private volatile bool _ready;

    /// <inheritdoc/>
    public async ValueTask RecordAsync(LlmAuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO llm_audit (run_id, tenant, at_ticks, record) VALUES (@run, @tenant, @at, @record)");
        Add(command, "@run", (object?)record.RunId ?? DBNull.Value);
        Add(command, "@tenant", record.Tenant);
        Add(command, "@at", record.At.UtcTicks);
        Add(command, "@record", JsonSerializer.Serialize(record, _json));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a run's records in the order they were written.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="tenant">The caller's tenant (another tenant's records are never returned).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records as JSON text.</returns>
    public async Task<IReadOnlyList<string>> ForRunAsync(string runId, string tenant, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT record FROM llm_audit WHERE run_id = @run AND tenant = @tenant ORDER BY id");
        Add(command, "@run", runId);
        Add(command, "@tenant", tenant);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                var id = postgres ? "id BIGSERIAL PRIMARY KEY" : "id INTEGER PRIMARY KEY";
                await using var command = dataSource.CreateCommand(
                    $"CREATE TABLE IF NOT EXISTS llm_audit ({id}, run_id TEXT, tenant TEXT NOT NULL, at_ticks BIGINT NOT NULL, record TEXT NOT NULL)");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await using var index = dataSource.CreateCommand("CREATE INDEX IF NOT EXISTS ix_llm_audit_run ON llm_audit (run_id, id)");
                await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _schema.Release();
        }
    }
}
