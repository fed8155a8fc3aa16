using AgentFlows.Agents.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Schema;

/// <content>Types, objects and arrays.</content>
public static partial class ArgumentSchemaValidator
{
    private static bool CheckType(JsonNode? value, JsonObject schema, string path, List<string> faults)
    {
        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).ToArray(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        if (types.Length == 0 || types.Any(t => HasType(value, t)))
        {
            return true;
        }

        var expected = types.Length == 1 ? $"a{(types[0] is "integer" or "object" or "array" ? "n" : "")} {types[0]}" : $"one of {string.Join(", ", types)}";
        faults.Add($"{Name(path)} must be {expected}, not {KindOf(value)}");
        return false;
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => Kind(value) == JsonValueKind.String,
        "number" => Kind(value) == JsonValueKind.Number,
        "integer" => Kind(value) == JsonValueKind.Number && double.IsInteger(JsonNumber.Get(value)),
        "boolean" => Kind(value) is JsonValueKind.True or JsonValueKind.False,
        "null" => value is null,
        _ => false,
    };

    private static JsonValueKind Kind(JsonNode? value) => value is JsonValue v ? v.GetValueKind() : JsonValueKind.Undefined;

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => Kind(value) switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => $"the number {value.ToJsonString()}",
            _ => value.ToJsonString(),
        },
    };

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, bool allowReferences, List<string> faults)
    {
        var properties = schema["properties"] as JsonObject;
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (!obj.ContainsKey(required))
            {
                faults.Add($"argument '{Join(path, required)}' is required");
            }
        }

        foreach (var (name, child) in obj)
        {
            if (properties?[name] is JsonObject childSchema)
            {
                Check(child, childSchema, Join(path, name), allowReferences, faults);
            }
            else if (schema["additionalProperties"] is JsonValue extra && !extra.GetValue<bool>())
            {
                var known = properties is null ? "none" : string.Join(", ", properties.Select(p => p.Key));
                faults.Add($"argument '{Join(path, name)}' is not known (known: {known})");
            }
        }

        if (schema["anyOf"] is JsonArray anyOf && !anyOf.OfType<JsonObject>().Any(s => Validate(obj, s, allowReferences).Count == 0))
        {
            var options = anyOf.Select(s => s?["description"]?.GetValue<string>() ?? s?.ToJsonString());
            faults.Add($"{Name(path)} must include one of: {string.Join("; or ", options)}");
        }
    }

    private static void CheckArray(JsonArray array, JsonObject schema, string path, bool allowReferences, List<string> faults)
    {
        if (schema["minItems"] is JsonValue min && array.Count < (int)JsonNumber.Get(min))
        {
            faults.Add($"{Name(path)} must have at least {(int)JsonNumber.Get(min)} items, not {array.Count}");
        }

        if (schema["maxItems"] is JsonValue max && array.Count > (int)JsonNumber.Get(max))
        {
            faults.Add($"{Name(path)} must have at most {(int)JsonNumber.Get(max)} items, not {array.Count}");
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{(path.Length == 0 ? "args" : path)}[{i}]", allowReferences, faults);
            }
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
