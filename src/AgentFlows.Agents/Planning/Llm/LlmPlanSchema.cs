using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Planning.Llm;

/// <summary>
/// The JSON schema the LLM answers under, strict-mode compatible (every property required, no additional
/// properties): <c>{ steps: [ { id, tool, args, dependsOn } ] }</c> with <c>tool</c> one of the registered names.
/// </summary>
/// <remarks>
/// Strict mode allows no free-form objects, and each tool's arguments differ, so <c>args</c> is the arguments
/// object written as a JSON string. It is parsed here and then checked against the tool's own schema by the
/// plan validator, like any plan.
/// </remarks>
internal static class LlmPlanSchema
{
    /// <summary>The schema's name, as sent with <c>response_format</c>.</summary>
    public const string Name = "agentflows_plan";

    /// <summary>Builds the schema for a tool registry.</summary>
    /// <param name="tools">The tools.</param>
    /// <returns>The schema.</returns>
    public static JsonElement For(ToolRegistry tools)
    {
        var step = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["id"] = new JsonObject { ["type"] = "string", ["description"] = "step_1, step_2, ... in plan order." },
                ["tool"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. tools.All.Select(t => (JsonNode?)t.Name)]) },
                ["args"] = new JsonObject { ["type"] = "string", ["description"] = "The tool's arguments: a JSON object, written as a string." },
                ["dependsOn"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
            ["required"] = new JsonArray("id", "tool", "args", "dependsOn"),
            ["additionalProperties"] = false,
        };
        var plan = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["steps"] = new JsonObject { ["type"] = "array", ["items"] = step } },
            ["required"] = new JsonArray("steps"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(plan, LlmPlannerPrompt.Json);
    }

    /// <summary>Reads the LLM's answer into a plan.</summary>
    /// <param name="text">The answer.</param>
    /// <param name="problems">Receives what could not be read.</param>
    /// <returns>The plan, or null when the answer is not a plan at all.</returns>
    public static Plans.Plan? Parse(string text, List<string> problems)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(StripFence(text));
        }
        catch (JsonException ex)
        {
            problems.Add($"The answer is not JSON ({ex.Message}).");
            return null;
        }

        if (root?["steps"] is not JsonArray steps)
        {
            problems.Add("The answer has no \"steps\" array.");
            return null;
        }

        var list = new List<Plans.PlanStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not JsonObject step)
            {
                problems.Add($"Step {i + 1} is not an object.");
                continue;
            }

            var id = Text(step["id"]) ?? "";
            list.Add(new Plans.PlanStep
            {
                Id = id,
                Tool = Text(step["tool"]) ?? "",
                Args = Args(step["args"], id.Length > 0 ? id : $"#{i + 1}", problems),
                DependsOn = step["dependsOn"] is JsonArray deps ? [.. deps.Select(Text).OfType<string>()] : [],
            });
        }

        return new Plans.Plan { Steps = list };
    }

    private static JsonObject Args(JsonNode? node, string id, List<string> problems)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonObject inline:
                // A server without strict mode may answer with the object itself; that is as good.
                return (JsonObject)inline.DeepClone();
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    var text = value.GetValue<string>();
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return [];
                    }

                    if (JsonNode.Parse(text) is JsonObject parsed)
                    {
                        return parsed;
                    }
                }
                catch (JsonException)
                {
                }

                problems.Add($"step '{id}': \"args\" must be a JSON object written as a string, like \"{{\\\"expression\\\": \\\"2 + 2\\\"}}\".");
                return [];
            default:
                problems.Add($"step '{id}': \"args\" must be a JSON object written as a string.");
                return [];
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    // Servers without structured output sometimes wrap JSON in a Markdown fence.
    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var start = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return start >= 0 && end > start ? trimmed[(start + 1)..end] : trimmed;
    }
}
