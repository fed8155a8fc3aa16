using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentFlows.Storage.PostgreSql.Internal;

/// <summary>
/// One dedicated connection that LISTENs on the hub's channel and hands every payload to a callback. When the
/// connection drops (server restart, network) it reconnects with capped exponential backoff, and reports each new
/// connection so the store can assume it missed notifications in between.
/// </summary>
internal sealed class NotificationListener : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly Action<string> _onPayload;
    private readonly Action<int> _onConnected;
    private readonly TimeSpan _maxRetryDelay;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private int _connections;

    /// <summary>Initializes a new instance of the <see cref="NotificationListener"/> class.</summary>
    /// <param name="dataSource">Where to connect (unpooled, with keepalives, so a dead server is noticed while idle).</param>
    /// <param name="channel">The channel name, unquoted.</param>
    /// <param name="onPayload">Called with each payload on the channel.</param>
    /// <param name="onConnected">Called after every successful connection with its number (1 for the first).</param>
    /// <param name="maxRetryDelay">The longest pause between reconnection attempts.</param>
    /// <param name="logger">The logger.</param>
    public NotificationListener(
        NpgsqlDataSource dataSource, string channel, Action<string> onPayload, Action<int> onConnected, TimeSpan maxRetryDelay, ILogger logger)
    {
        _dataSource = dataSource;
        _channel = channel;
        _onPayload = onPayload;
        _onConnected = onConnected;
        _maxRetryDelay = maxRetryDelay;
        _logger = logger;
    }

    /// <summary>Gets how many times the listener has connected (1 after start).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connects and starts listening; throws when the first connection fails.</summary>
    /// <param name="cancellationToken">Cancels the first connection attempt.</param>
    /// <returns>A task.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(connection, _stopping.Token), CancellationToken.None);
    }

    /// <summary>Waits until the listener has connected at least <paramref name="count"/> times.</summary>
    /// <param name="count">The connection count to reach.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task.</returns>
    public async Task WaitForConnectionsAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_connections >= count)
                {
                    return;
                }

                next = _connected.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(NpgsqlConnection connection, CancellationToken stopping)
    {
        var failures = 0;
        while (true)
        {
            try
            {
                // Returns after each notification; keepalives make it throw when the server went away.
                while (true)
                {
                    await connection.WaitAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "The PostgreSQL notification listener lost its connection; reconnecting.");
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            while (true)
            {
                try
                {
                    // Real time, not the store's clock: this paces attempts against a server, not durable work.
                    await Task.Delay(RetryDelay(failures++), stopping).ConfigureAwait(false);
                    connection = await ConnectAsync(stopping).ConfigureAwait(false);
                    failures = 0;
                    _logger.LogInformation("The PostgreSQL notification listener reconnected.");
                    break;
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    _logger.LogDebug(ex, "The PostgreSQL notification listener could not reconnect yet.");
                }
            }
        }
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = _dataSource.CreateConnection();
        try
        {
            connection.Notification += (_, e) => _onPayload(e.Payload);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var listen = connection.CreateCommand())
            {
                listen.CommandText = "LISTEN " + Sql.QuoteIdentifier(_channel);
                await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        TaskCompletionSource connected;
        int number;
        lock (_gate)
        {
            number = ++_connections;
            connected = _connected;
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _onConnected(number);
        connected.TrySetResult();
        return connection;
    }

    private TimeSpan RetryDelay(int failures)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failures, 10));
        return delay < _maxRetryDelay ? delay : _maxRetryDelay;
    }
}
