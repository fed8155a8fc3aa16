namespace AgentFlows.Agents.Llm.Audit;

/// <summary>An audit sink that keeps the latest records in memory (bounded: the oldest go first).</summary>
public sealed class InMemoryLlmAuditSink : ILlmAuditSink
{
    private readonly Lock _gate = new();
    private readonly Queue<LlmAuditRecord> _records = new();
    private readonly int _capacity;

    /// <summary>Initializes a new instance of the <see cref="InMemoryLlmAuditSink"/> class.</summary>
    /// <param name="capacity">The most records kept.</param>
    public InMemoryLlmAuditSink(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Gets a snapshot of the records, oldest first.</summary>
    public IReadOnlyList<LlmAuditRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Gets the records of one run, oldest first.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<LlmAuditRecord> ForRun(string runId) => [.. Records.Where(r => r.RunId == runId)];

    /// <inheritdoc/>
    public ValueTask RecordAsync(LlmAuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records.Enqueue(record);
            while (_records.Count > _capacity)
            {
                _records.Dequeue();
            }
        }

        return ValueTask.CompletedTask;
    }
}
