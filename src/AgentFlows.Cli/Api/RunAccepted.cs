namespace AgentFlows.Cli.Api;

/// <summary>The 202 answer of <c>POST /api/runs</c>.</summary>
/// <param name="RunId">The id of the new (or, for a repeated id, the existing) run.</param>
/// <param name="Status">The run's status when it was accepted.</param>
internal sealed record RunAccepted(string RunId, string? Status);
