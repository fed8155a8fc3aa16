namespace AgentFlows.Dispatch;

/// <summary>Renews a lease periodically while work runs; if renewal reports the lease lost, cancels the work.</summary>
internal sealed class LeaseRenewal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Initializes a new instance of the <see cref="LeaseRenewal"/> class and starts renewing.</summary>
    /// <param name="renew">Renews once; throws when the lease is lost.</param>
    /// <param name="period">How often to renew.</param>
    /// <param name="time">The clock.</param>
    /// <param name="onLost">Canceled when the lease is lost.</param>
    public LeaseRenewal(Func<Task> renew, TimeSpan period, TimeProvider time, CancellationTokenSource onLost)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(period, time, _stop.Token).ConfigureAwait(false);
                    await renew().ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Storage.LeaseLostException)
                {
                    await onLost.CancelAsync().ConfigureAwait(false);
                    return;
                }
                catch (Exception)
                {
                    // A transient store error: try again next period; the lease may still hold.
                }
            }
        });
    }

    /// <summary>Stops renewing.</summary>
    /// <returns>A task.</returns>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => _stop.Dispose();
}
