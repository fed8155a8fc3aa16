namespace AgentFlows.Cli.Api;

/// <summary>An RFC 9457 problem details body (<c>application/problem+json</c>).</summary>
/// <param name="Type">The stable problem type URI.</param>
/// <param name="Title">The short, human summary.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">The human explanation of this occurrence.</param>
internal sealed record ProblemDetailsBody(string? Type, string? Title, int? Status, string? Detail);
