namespace AgentFlows.Cli.Tests.Fakes;

/// <summary>A request the fake server received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? ApiKey, string? Accept, string Body);
