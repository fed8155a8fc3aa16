using System.Runtime.CompilerServices;

namespace AgentFlows.Cli.Api;

/// <summary>
/// Follows a run's event stream until the run ends, re-opening it with <c>after=&lt;last seq&gt;</c> whenever it drops,
/// so every event is seen exactly once.
/// </summary>
internal sealed class RunEventFollower
{
    private static readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(5);

    private readonly AgentFlowsApiClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _firstDelay;
    private readonly int _maxAttempts;
    private readonly Action<string>? _onReconnect;

    /// <summary>Initializes a new instance of the <see cref="RunEventFollower"/> class.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="timeProvider">The clock of the back-off waits.</param>
    /// <param name="firstDelay">The first wait before re-opening; later ones double up to 5 seconds.</param>
    /// <param name="maxAttempts">How many drops in a row, with no new event in between, end the follow.</param>
    /// <param name="onReconnect">Told, in one line, each time the stream is re-opened.</param>
    public RunEventFollower(AgentFlowsApiClient client, TimeProvider timeProvider, TimeSpan firstDelay, int maxAttempts, Action<string>? onReconnect)
    {
        _client = client;
        _timeProvider = timeProvider;
        _firstDelay = firstDelay;
        _maxAttempts = Math.Max(1, maxAttempts);
        _onReconnect = onReconnect;
    }

    /// <summary>Gets the sequence number of the last event yielded.</summary>
    public long? LastSeq { get; private set; }

    /// <summary>Yields the run's events from the start, once each, up to and including the event that ends the run.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>The events.</returns>
    /// <exception cref="AgentFlowsUnreachableException">The stream could not be (re-)opened or kept dropping.</exception>
    public async IAsyncEnumerable<RunEventLine> FollowAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var drops = 0;
        var connectedOnce = false;
        while (true)
        {
            Exception? failure = null;
            await using (var events = _client.ReadEventsAsync(runId, LastSeq, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    RunEventLine next;
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            connectedOnce = true;
                            break;
                        }

                        next = events.Current;
                        connectedOnce = true;
                    }
                    catch (Exception ex) when (IsTransient(ex, connectedOnce, cancellationToken))
                    {
                        failure = ex;
                        break;
                    }

                    // A server that ignores 'after' must not make the client see an event twice.
                    if (next.Event.Seq <= LastSeq)
                    {
                        continue;
                    }

                    LastSeq = next.Event.Seq;
                    drops = 0;
                    yield return next;
                    if (RunEventTypes.IsTerminal(next.Event.Type))
                    {
                        yield break;
                    }
                }
            }

            // A stream that ended cleanly with no terminal event: the run may have ended in a way the stream did not
            // report (e.g. purged history), and then re-opening it would only end the same way again.
            if (failure is null && await HasEndedAsync(runId, cancellationToken))
            {
                yield break;
            }

            drops++;
            var why = failure?.Message ?? "the stream ended before the run did";
            if (drops >= _maxAttempts)
            {
                throw new AgentFlowsUnreachableException($"the event stream of run {runId} dropped {drops} times in a row ({why})", failure);
            }

            _onReconnect?.Invoke($"event stream dropped ({why}); resuming after seq {LastSeq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"}");
            var delay = TimeSpan.FromTicks(Math.Min(_maxDelay.Ticks, _firstDelay.Ticks << Math.Min(drops - 1, 10)));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken);
            }
        }
    }

    private async Task<bool> HasEndedAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            var run = await _client.GetRunAsync(runId, cancellationToken);
            return run.Status is "Completed" or "Failed" or "Canceled";
        }
        catch (Exception ex) when (ex is AgentFlowsApiException or AgentFlowsUnreachableException)
        {
            return false;
        }
    }

    private static bool IsTransient(Exception ex, bool connectedOnce, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        // A server that refuses the very first connection is down: say so at once rather than after every retry.
        AgentFlowsUnreachableException unreachable => connectedOnce || !unreachable.IsConnectFailure,
        AgentFlowsApiException api => api.Status >= 500 && connectedOnce,
        IOException => true,
        HttpRequestException => true,
        _ => false,
    };
}
