namespace AgentFlows.Cli.Api;

/// <summary>A run's plan.</summary>
/// <param name="Steps">The steps in plan order.</param>
internal sealed record RunPlan(IReadOnlyList<RunStep>? Steps);
