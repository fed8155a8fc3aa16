namespace AgentFlows.Agents.Llm.Audit;

/// <summary>
/// Receives the audit trail of the LLM gateway: one record per call (with its cache decision) and one per cache
/// store, eviction and reset. The host stores them with the run; the fine-tuning lifecycle learns from them.
/// </summary>
public interface ILlmAuditSink
{
    /// <summary>Records one event.</summary>
    /// <param name="record">The event.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the record is accepted.</returns>
    ValueTask RecordAsync(LlmAuditRecord record, CancellationToken cancellationToken = default);
}
