namespace AgentFlows.Cli.Api;

/// <summary>An event together with the NDJSON line it was read from.</summary>
/// <param name="Event">The parsed event.</param>
/// <param name="Line">The line exactly as the server sent it.</param>
internal sealed record RunEventLine(RunEvent Event, string Line);
