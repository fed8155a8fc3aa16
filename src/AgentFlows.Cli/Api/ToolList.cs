namespace AgentFlows.Cli.Api;

/// <summary>The body of <c>GET /api/tools</c>, as far as the client shows it.</summary>
/// <param name="Items">The tools.</param>
internal sealed record ToolList(IReadOnlyList<ToolInfo>? Items);

/// <summary>One tool: name, version, flags and usage (the schemas are left to <c>--json</c>).</summary>
/// <param name="Name">The tool name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Pure">Whether its output depends only on its arguments.</param>
/// <param name="NeedsLlm">Whether it needs an LLM.</param>
/// <param name="SideEffects">Whether it changes state outside the run.</param>
/// <param name="Usage">Its usage on the server's process.</param>
internal sealed record ToolInfo(string Name, string? Version, bool Pure, bool NeedsLlm, bool SideEffects, ToolUsageInfo? Usage);

/// <summary>A tool's usage on the server's process.</summary>
/// <param name="Calls">Calls since the server started.</param>
/// <param name="Errors">Failed calls.</param>
/// <param name="P50Ms">Median latency of the recent calls, or null before the first.</param>
internal sealed record ToolUsageInfo(long Calls, long Errors, double? P50Ms);
