namespace AgentFlows.Cli.Api;

/// <summary>The body of <c>POST /api/runs/{runId}/approve</c>.</summary>
/// <param name="Decision"><c>retry</c>, <c>skip</c> or <c>abort</c>.</param>
/// <param name="Note">An optional note kept with the decision.</param>
internal sealed record ApproveRequest(string Decision, string? Note);
