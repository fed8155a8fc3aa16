using System.Text.Json.Nodes;
using static AgentFlows.Agents.Tools.Schema.JsonSchemas;

namespace AgentFlows.Agents.Tools;

/// <content>The LLM text tools.</content>
public static partial class BuiltInTools
{
    private static ToolDescriptor LlmSummarize() => new(
        ToolNames.LlmSummarize,
        V1,
        "Summarizes text with the configured LLM.",
        Object(
            new JsonObject
            {
                ["text"] = Typed("The text to summarize (any JSON is summarized as its text).", "string", "number", "boolean", "object", "array"),
                ["maxWords"] = Integer("A rough length limit.", 5, 2000),
            },
            "text"),
        new JsonObject { ["type"] = "string" },
        Pure: false,
        NeedsLlm: true,
        SideEffects: false);

    private static ToolDescriptor LlmWrite() => new(
        ToolNames.LlmWrite,
        V1,
        "Writes text following instructions, with the configured LLM.",
        Object(
            new JsonObject
            {
                ["instructions"] = String("What to write.", 20_000),
                ["context"] = Typed("Material to draw on.", "string", "number", "boolean", "object", "array"),
            },
            "instructions"),
        new JsonObject { ["type"] = "string" },
        Pure: false,
        NeedsLlm: true,
        SideEffects: false);
}
