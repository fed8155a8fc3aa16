using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Usage;

namespace AgentFlows.Host.Tools;

/// <summary>The body of <c>GET /api/tools</c>.</summary>
/// <param name="Items">The tools, in registration order.</param>
internal sealed record ToolList([property: JsonPropertyName("items")] IReadOnlyList<ToolListItem> Items);

/// <summary>One tool as <c>GET /api/tools</c> lists it.</summary>
/// <param name="Name">The name plan steps use.</param>
/// <param name="Version">The version recorded with every step it runs.</param>
/// <param name="Description">What it does.</param>
/// <param name="ArgsSchema">The JSON schema of its arguments.</param>
/// <param name="OutputSchema">The JSON schema of its output.</param>
/// <param name="Pure">Whether its output depends only on its arguments (and is cached).</param>
/// <param name="NeedsLlm">Whether it needs a configured LLM.</param>
/// <param name="SideEffects">Whether it changes state outside the run.</param>
/// <param name="Usage">Calls, errors and median latency in this process.</param>
internal sealed record ToolListItem(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("argsSchema")] JsonObject ArgsSchema,
    [property: JsonPropertyName("outputSchema")] JsonObject OutputSchema,
    [property: JsonPropertyName("pure")] bool Pure,
    [property: JsonPropertyName("needsLlm")] bool NeedsLlm,
    [property: JsonPropertyName("sideEffects")] bool SideEffects,
    [property: JsonPropertyName("usage")] ToolUsageSnapshot Usage)
{
    /// <summary>Lists a tool; the schemas are copies, because the registry's are shared.</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="usage">Its usage.</param>
    /// <returns>The item.</returns>
    public static ToolListItem From(ToolDescriptor tool, ToolUsageSnapshot usage) => new(
        tool.Name, tool.Version, tool.Description, (JsonObject)tool.ArgsSchema.DeepClone(), (JsonObject)tool.OutputSchema.DeepClone(),
        tool.Pure, tool.NeedsLlm, tool.SideEffects, usage);
}
