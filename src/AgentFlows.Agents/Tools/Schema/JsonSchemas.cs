using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Schema;

/// <summary>Small builders for the JSON schemas of the built-in tools, so each descriptor reads as a table.</summary>
internal static class JsonSchemas
{
    public static JsonObject Object(JsonObject properties, params string[] required) => new()
    {
        ["type"] = "object",
        ["properties"] = properties,
        ["required"] = Strings(required),
        ["additionalProperties"] = false,
    };

    public static JsonObject Object(JsonObject properties, JsonArray anyOf) => new()
    {
        ["type"] = "object",
        ["properties"] = properties,
        ["anyOf"] = anyOf,
        ["additionalProperties"] = false,
    };

    public static JsonObject RequiredSet(string description, params string[] required) => new()
    {
        ["description"] = description,
        ["required"] = Strings(required),
    };

    public static JsonObject String(string description, int maxLength = 10_000) => new()
    {
        ["type"] = "string",
        ["description"] = description,
        ["minLength"] = 1,
        ["maxLength"] = maxLength,
    };

    public static JsonObject Enum(string description, params string[] values) => new()
    {
        ["type"] = "string",
        ["description"] = description,
        ["enum"] = Strings(values),
    };

    public static JsonObject Typed(string description, params string[] types) => new()
    {
        ["type"] = Strings(types),
        ["description"] = description,
    };

    public static JsonObject Number(string description, double minimum, double maximum) => new()
    {
        ["type"] = "number",
        ["description"] = description,
        ["minimum"] = minimum,
        ["maximum"] = maximum,
    };

    public static JsonObject Integer(string description, long minimum, long maximum) => new()
    {
        ["type"] = "integer",
        ["description"] = description,
        ["minimum"] = minimum,
        ["maximum"] = maximum,
    };

    public static JsonObject Boolean(string description) => new() { ["type"] = "boolean", ["description"] = description };

    public static JsonObject ArrayOf(string description, JsonObject items, int minItems = 0) => new()
    {
        ["type"] = "array",
        ["description"] = description,
        ["items"] = items,
        ["minItems"] = minItems,
    };

    public static JsonObject Numbers(string description, int minItems) =>
        ArrayOf(description, new JsonObject { ["type"] = "number" }, minItems);

    public static JsonArray Strings(params string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
