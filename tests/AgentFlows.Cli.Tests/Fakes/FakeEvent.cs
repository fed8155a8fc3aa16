namespace AgentFlows.Cli.Tests.Fakes;

/// <summary>One canned event of a fake run, serialized as the Run API's NDJSON line.</summary>
internal sealed record FakeEvent(long Seq, string Type, DateTimeOffset At, string? StepId, object? Data);
