using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools;

/// <summary>Describes one tool a plan step may call: what it takes, what it returns and how it may be run.</summary>
/// <param name="Name">The tool name used in plan steps (for example <c>calculator</c> or <c>todo.add</c>).</param>
/// <param name="Version">The tool's version; a cached result is only reused for the same version.</param>
/// <param name="Description">What the tool does, for people and for the LLM planner.</param>
/// <param name="ArgsSchema">The JSON schema of the step's <c>args</c> object (the subset <see cref="Schema.ArgumentSchemaValidator"/> understands).</param>
/// <param name="OutputSchema">The JSON schema of the tool's output.</param>
/// <param name="Pure">Whether the output depends only on the arguments, so it may be cached globally.</param>
/// <param name="NeedsLlm">Whether the tool needs a configured chat client.</param>
/// <param name="SideEffects">Whether the tool changes state outside the run (stores, files, timers).</param>
/// <remarks>The schemas are shared instances: treat them as read-only.</remarks>
public sealed record ToolDescriptor(
    string Name,
    string Version,
    string Description,
    JsonObject ArgsSchema,
    JsonObject OutputSchema,
    bool Pure,
    bool NeedsLlm,
    bool SideEffects);
