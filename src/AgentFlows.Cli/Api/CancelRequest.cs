namespace AgentFlows.Cli.Api;

/// <summary>The body of <c>POST /api/runs/{runId}/cancel</c>.</summary>
/// <param name="Reason">Why the run is canceled, if given.</param>
internal sealed record CancelRequest(string? Reason);
