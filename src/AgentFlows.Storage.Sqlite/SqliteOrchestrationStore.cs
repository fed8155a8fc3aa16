using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using AgentFlows.Storage.Sqlite.Internal;
using AgentFlows.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite database file in WAL mode. All writes go through one long-lived connection with
/// prepared statements (SQLite has one writer anyway) in <c>BEGIN IMMEDIATE</c> transactions, with group commit:
/// writes that queue up behind a running transaction share the next one. Reads use a small pool of read-only
/// connections that WAL lets run beside the writer. Several hosts may share the file: the write lock and the fenced
/// updates keep them correct (wake-ups are in-process, so another host's commits are seen at the next poll).
/// </summary>
/// <remarks>
/// Each instance row keeps <c>ready_at</c>, the time it can next be locked (its earliest deliverable message, or the
/// end of its lease while locked), so locking the next instance is one index seek however many timers wait.
/// </remarks>
public sealed partial class SqliteOrchestrationStore : IOrchestrationStore, IAsyncDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly WorkSignal _signal;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly ConcurrentBag<SqliteSession> _readers = [];
    private readonly string _tokenPrefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
    private GroupCommitWriter? _writer;
    private long _tokenCounter;
    private int _idleReaders;
    private volatile bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="SqliteOrchestrationStore"/> class; nothing is opened until first use.</summary>
    /// <param name="options">The options.</param>
    /// <param name="time">The clock (fake in tests); the system clock when null.</param>
    public SqliteOrchestrationStore(SqliteStoreOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _signal = new WorkSignal(_time);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            // Each connection would open its own private database, and shared-cache memory databases have no WAL.
            throw new ArgumentException(
                "The SQLite store needs a database file (e.g. \"Data Source=.agentflows/agentflows.db\"); use InMemoryOrchestrationStore for a store in memory.",
                nameof(options));
        }

        _connectionString = builder.ConnectionString;
        DatabasePath = Path.GetFullPath(builder.DataSource);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath { get; }

    private long NowTicks => _time.GetUtcNow().UtcTicks;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    /// <remarks>Opens the writer connection and applies the schema scripts on the first call; later calls only re-announce due work.</remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);

                var session = SqliteSession.Open(_connectionString, _options.BusyTimeout, readOnly: false);
                try
                {
                    SchemaMigrator.Migrate(session.Connection, NowTicks);
                }
                catch
                {
                    session.Dispose();
                    throw;
                }

                _writer = new GroupCommitWriter(session);
            }
        }
        finally
        {
            _initGate.Release();
        }

        // Timers and leases stored by an earlier run wake this host's dispatchers when they fall due.
        await ReadAsync(
            s =>
            {
                NotifyNextDue(WorkItemKind.Orchestration, s, Sql.NextOrchestrationDue);
                NotifyNextDue(WorkItemKind.Activity, s, Sql.NextActivityDue);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _initGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_writer is not null)
            {
                _writer.Close();
            }

            DrainReaders();
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction (shared with other queued writes); an exception undoes only its own writes.</summary>
    private Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer is { } writer ? writer.WriteAsync(work, cancellationToken) : InitializeThenWriteAsync(work, cancellationToken);
    }

    private async Task<T> InitializeThenWriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writer!.WriteAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read connection (each statement sees the last commit).</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is null)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var session = _readers.TryTake(out var idle) ? idle : null;
        if (session is null)
        {
            session = SqliteSession.Open(_connectionString, _options.BusyTimeout, readOnly: true);
        }
        else
        {
            Interlocked.Decrement(ref _idleReaders);
        }

        try
        {
            return work(session);
        }
        finally
        {
            if (Interlocked.Increment(ref _idleReaders) <= _options.MaxIdleReadConnections && !_disposed)
            {
                _readers.Add(session);
                if (_disposed)
                {
                    DrainReaders();
                }
            }
            else
            {
                Interlocked.Decrement(ref _idleReaders);
                session.Dispose();
            }
        }
    }

    private void DrainReaders()
    {
        while (_readers.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleReaders);
            reader.Dispose();
        }
    }

    private string NewToken() =>
        string.Create(CultureInfo.InvariantCulture, $"{_tokenPrefix}-{Interlocked.Increment(ref _tokenCounter)}");

    /// <summary>Wakes dispatchers when the earliest stored visibility (timer, lease end) falls due.</summary>
    private void NotifyNextDue(WorkItemKind kind, SqliteSession session, string sql)
    {
        if (session.Command(sql).ExecuteScalar() is long ticks)
        {
            _signal.Notify(kind, StoredRows.Time(ticks));
        }
    }
}
