using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AgentFlows.Storage.PostgreSql.Internal;
using AgentFlows.Storage.PostgreSql.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>
/// The scale-out store: any number of hosts share one task hub in one PostgreSQL database, and none of them is special.
/// Work is taken with <c>FOR UPDATE SKIP LOCKED</c> under leases that expire, so a dead host's work is taken over;
/// every checkpoint is fenced by the instance's version and lock token; commits announce new work with NOTIFY, which a
/// dedicated listening connection turns into in-process wake-ups, with polling only as the fallback.
/// </summary>
/// <remarks>
/// <para>
/// Hot paths are one round trip each: a checkpoint is one batch of statements in one implicit transaction, whose
/// fenced instance update raises an error (rolling the batch back) when the lease was lost; locking an instance also
/// reads its due messages. Statement texts are fixed, so Npgsql prepares them once per connection.
/// </para>
/// <para>
/// Every visibility and lease comparison uses the store's <see cref="TimeProvider"/>, never the server's clock, so hosts
/// must keep their clocks in sync (NTP) to within a small fraction of the lease.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlOrchestrationStore : IOrchestrationStore, IAsyncDisposable
{
    private const int MaxChannelBytes = 63;
    private const int DefaultKeepAliveSeconds = 10;

    private readonly PostgreSqlStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _listenerSource;
    private readonly Sql _sql;
    private readonly WakeUps _wakeUps;
    private readonly Notifier _notifier;
    private readonly string _hub;
    private readonly string _channel;
    private readonly string _sender;
    private readonly string _tokenPrefix;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly Queue<OrchestrationWorkItem> _prefetched = new();
    private NotificationListener? _listener;
    private long _tokenCounter;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlOrchestrationStore"/> class; nothing is opened until first use.</summary>
    /// <param name="options">The options.</param>
    /// <param name="time">The clock (fake in tests); the system clock when null.</param>
    /// <param name="logger">The logger for connection trouble; none when null.</param>
    public PostgreSqlOrchestrationStore(PostgreSqlStoreOptions options, TimeProvider? time = null, ILogger<PostgreSqlOrchestrationStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Schema);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.HubName);
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _sql = new Sql(options.Schema);
        _hub = options.HubName;
        _wakeUps = new WakeUps(_time);

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            MaxPoolSize = options.EffectiveMaxPoolSize,
            AutoPrepareMinUsages = 2,

            // The store never changes session state, so the reset that pooling does on every close is wasted work.
            NoResetOnClose = true,
        };

        // Every statement of the store is an index lookup, but queue tables churn faster than autovacuum analyzes them:
        // with the statistics of a new or emptied table, the planner picks sequential scans that then read every dead
        // row of a busy queue (measured here: 0.5 ms for a one-row delete). Forbidding them keeps the index paths.
        builder.Options = ((builder.Options ?? string.Empty) + " -c enable_seqscan=off").Trim();
        builder.MaxAutoPrepare = Math.Max(builder.MaxAutoPrepare, 64);
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        builder.ApplicationName ??= "agentflows";
        _dataSource = NpgsqlDataSource.Create(builder);

        var listener = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            Pooling = false,
            MaxAutoPrepare = 0,
            ApplicationName = builder.ApplicationName + "-listener",
        };
        if (listener.KeepAlive <= 0)
        {
            listener.KeepAlive = DefaultKeepAliveSeconds;
        }

        _listenerSource = NpgsqlDataSource.Create(listener);
        var hostId = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        _tokenPrefix = hostId;
        _sender = "|" + hostId;
        _channel = ChannelName(options.Schema, options.HubName);
        _notifier = new Notifier(_dataSource, _channel, _sender, options.NotificationInterval, _logger);
    }

    /// <summary>Gets the NOTIFY channel of this store's schema and hub.</summary>
    public string Channel => _channel;

    /// <summary>Gets the notification listener, once initialized (tests wait on its reconnections).</summary>
    internal NotificationListener? Listener => _listener;

    /// <summary>Gets or sets a callback run when a wait for work has read the database and goes idle (a test hook).</summary>
    internal Action<WorkItemKind>? IdleWaitStarting { get; set; }

    /// <summary>Gets or sets a callback run after a notification from another store was handled (a test hook).</summary>
    internal Action<WorkItemKind, DateTime>? RemoteNotificationHandled { get; set; }

    /// <summary>Gets or sets a callback run with every payload the listener receives, ours or not (a test hook).</summary>
    internal Action<string>? NotificationReceived { get; set; }

    /// <summary>Gets a value indicating whether the store was disposed.</summary>
    internal bool IsDisposed => _disposed;

    /// <summary>Gets a task that completes once the notifications posted so far were sent.</summary>
    internal Task NotificationsSent => _notifier.Idle;

    private long NowTicks => _time.GetUtcNow().UtcTicks;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    /// <remarks>Migrates the schema (see <c>Scripts/</c>) and starts listening for other hosts' notifications.</remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await SchemaMigrator.MigrateAsync(connection, _options.Schema, NowTicks, cancellationToken).ConfigureAwait(false);
            }

            if (_listener is null)
            {
                var listener = new NotificationListener(
                    _listenerSource, _channel, OnNotification, OnListenerConnected, _options.MaxListenerReconnectDelay, _logger);
                await listener.StartAsync(cancellationToken).ConfigureAwait(false);
                _listener = listener;
            }

            _initialized = true;
        }
        catch (NpgsqlException ex)
        {
            DropPoolIfBroken(ex);
            throw;
        }
        finally
        {
            _initGate.Release();
        }
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

            if (_initialized)
            {
                await ReleaseAllHoldsAsync().ConfigureAwait(false);
                await ReleasePrefetchedAsync().ConfigureAwait(false);
                await ReleaseAllClaimedAsync().ConfigureAwait(false);
            }

            _disposed = true;
            if (_listener is not null)
            {
                await _listener.DisposeAsync().ConfigureAwait(false);
            }

            _wakeUps.Dispose();
            await _notifier.Idle.ConfigureAwait(false);
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            await _listenerSource.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>The channel name: readable when it fits PostgreSQL's 63-byte identifier limit, hashed otherwise.</summary>
    /// <param name="schema">The schema name.</param>
    /// <param name="hub">The hub name.</param>
    /// <returns>The channel name.</returns>
    internal static string ChannelName(string schema, string hub)
    {
        var readable = $"agentflows:{schema}:{hub}";
        if (Encoding.UTF8.GetByteCount(readable) <= MaxChannelBytes)
        {
            return readable;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(schema + "\0" + hub));
        return "agentflows:" + Convert.ToHexStringLower(hash, 0, 16);
    }

    /// <summary>
    /// Runs one database call: initializes the store on first use, turns a fenced-out checkpoint into
    /// <see cref="LeaseLostException"/>, and drops the pool's connections when the server went away.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == Sql.LeaseLostState)
        {
            throw new LeaseLostException(ex.MessageText);
        }
        catch (NpgsqlException ex)
        {
            DropPoolIfBroken(ex);
            throw;
        }
    }

    /// <summary>Announces committed work to this host's waiters at once and to other hosts through NOTIFY.</summary>
    private void Announce(WorkItemKind kind, long visibleTicks)
    {
        _wakeUps.Announce(kind, StoredRows.Time(visibleTicks));
        _notifier.Post(kind, visibleTicks);
    }

    private string NewToken() =>
        string.Create(CultureInfo.InvariantCulture, $"{_tokenPrefix}-{Interlocked.Increment(ref _tokenCounter)}");

    /// <summary>
    /// A broken connection means the server restarted or the network failed, and the pool's idle connections are most
    /// likely dead too: they are dropped so that the next call opens fresh ones instead of failing on each in turn.
    /// </summary>
    private void DropPoolIfBroken(NpgsqlException exception)
    {
        var broken = exception is PostgresException pg
            ? pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            : exception.IsTransient;
        if (broken && !_disposed)
        {
            _dataSource.Clear();
        }
    }

    private void OnNotification(string payload)
    {
        NotificationReceived?.Invoke(payload);
        if (!WorkNotice.TryParse(payload, out var kind, out var ticks, out var sender) || sender.SequenceEqual(_sender))
        {
            // Our own commits were announced in-process already.
            return;
        }

        _wakeUps.Announce(kind, StoredRows.Time(ticks));
        RemoteNotificationHandled?.Invoke(kind, StoredRows.Time(ticks));
    }

    private void OnListenerConnected(int number)
    {
        if (number > 1)
        {
            // Notifications sent while the listener was away are lost, and the pool's connections died with the server.
            _dataSource.Clear();
            _wakeUps.AnnounceAll();
        }
    }
}
