namespace AgentFlows.Dispatch;

/// <summary>Exponential backoff for a dispatcher loop whose store calls fail (a database restart, a full disk).</summary>
internal sealed class Backoff
{
    private static readonly TimeSpan _max = TimeSpan.FromSeconds(5);
    private TimeSpan _next = TimeSpan.FromMilliseconds(50);

    /// <summary>Resets after a success.</summary>
    public void Reset() => _next = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits the current delay and doubles it.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task.</returns>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_next, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _next = _next * 2 > _max ? _max : _next * 2;
    }
}
