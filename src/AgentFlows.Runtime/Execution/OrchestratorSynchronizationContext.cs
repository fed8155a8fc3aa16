namespace AgentFlows.Execution;

/// <summary>
/// The single-threaded scheduler orchestrator code runs on. Continuations are queued and run by
/// <see cref="Pump"/> on the episode's thread, in the order their tasks completed, so a replay is deterministic.
/// </summary>
internal sealed class OrchestratorSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _queue.Enqueue((d, state));
        }
    }

    /// <inheritdoc/>
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code may not block on a synchronous send.");

    /// <inheritdoc/>
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none are left.</summary>
    public void Pump()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) work;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out work))
                {
                    return;
                }
            }

            work.Callback(work.State);
        }
    }

    /// <summary>Runs <paramref name="action"/> with this context current, then pumps.</summary>
    /// <param name="action">The code to run.</param>
    public void Run(Action action)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            action();
            Pump();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
