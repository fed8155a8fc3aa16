namespace AgentFlows.Cli.Api;

/// <summary>One page of <c>GET /api/runs</c>.</summary>
/// <param name="Items">The runs on this page.</param>
/// <param name="TotalCount">How many runs match the filters in all.</param>
/// <param name="ContinuationToken">The token of the next page; absent on the last page.</param>
internal sealed record RunList(IReadOnlyList<RunDetails>? Items, long? TotalCount, string? ContinuationToken);
