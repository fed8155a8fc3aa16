namespace AgentFlows.Cli.Tests.Fakes;

/// <summary>One step of a fake run's plan.</summary>
internal sealed record FakeStep(string Id, string Tool);
