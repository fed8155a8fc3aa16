namespace AgentFlows.Host.Runs;

/// <summary>What the run API's planning needs to know about the service.</summary>
/// <param name="LlmConfigured">Whether an LLM chat client is configured (else <c>planner: llm</c> is a 422).</param>
/// <param name="Tools">The host's tool registry, which plans are planned and validated against.</param>
internal sealed record RunPlannerSettings(bool LlmConfigured, AgentFlows.Agents.Tools.ToolRegistry Tools);
