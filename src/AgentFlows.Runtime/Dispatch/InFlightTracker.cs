using System.Collections.Concurrent;

namespace AgentFlows.Dispatch;

/// <summary>Tracks the work a dispatcher has started so a graceful stop can wait for it.</summary>
internal sealed class InFlightTracker
{
    private readonly ConcurrentDictionary<Task, byte> _tasks = new();

    /// <summary>Gets the number of items in flight.</summary>
    public int Count => _tasks.Count;

    /// <summary>Starts <paramref name="work"/> on the thread pool and tracks it until it ends.</summary>
    /// <param name="work">The work.</param>
    /// <param name="onDone">Runs when the work ends, however it ends.</param>
    public void Start(Func<Task> work, Action onDone)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            finally
            {
                onDone();
            }
        });
        _tasks.TryAdd(task, 0);
        task.ContinueWith(t => _tasks.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for everything in flight, or until <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>True when everything finished.</returns>
    public async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_tasks.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
