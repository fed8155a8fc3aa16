namespace AgentFlows.Http;

/// <summary>Settings of the Durable-Functions-compatible management API.</summary>
public sealed class DurableManagementOptions
{
    /// <summary>Gets or sets the task hub name written as <c>taskHub=</c> into generated management URIs.</summary>
    /// <remarks>Incoming <c>taskHub</c> and <c>connection</c> query parameters are accepted and ignored: one service serves one hub.</remarks>
    public string HubName { get; set; } = "AgentFlows";

    /// <summary>Gets or sets the connection name written as <c>connection=</c> into generated management URIs.</summary>
    public string ConnectionName { get; set; } = "AgentFlowsStorage";

    /// <summary>
    /// Gets or sets a value indicating whether generated management URIs carry the caller's key as <c>code=</c>, as
    /// Durable Functions appends its system key. The key is the request's <c>code</c> query value, or else its
    /// <c>x-api-key</c> header; nothing is appended when the request has neither.
    /// </summary>
    public bool AppendCallerKeyAsCode { get; set; }

    /// <summary>Gets or sets the largest request body accepted, in bytes; larger requests are answered 413 (default 4 MiB).</summary>
    public long MaxRequestBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Gets or sets the longest a start or restart request with <c>timeout</c> waits for completion before it answers
    /// 202; larger timeouts are cut to this (default 10 minutes).
    /// </summary>
    public TimeSpan MaxWaitForCompletion { get; set; } = TimeSpan.FromMinutes(10);
}
