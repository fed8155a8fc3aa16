using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Planning;

/// <summary>One understood request: the tool to call and its arguments.</summary>
/// <param name="Tool">The tool name.</param>
/// <param name="Args">The arguments.</param>
internal sealed record PlannedRequest(string Tool, JsonObject Args);
