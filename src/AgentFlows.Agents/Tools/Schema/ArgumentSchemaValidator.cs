using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;
using AgentFlows.Agents.Plans;

namespace AgentFlows.Agents.Tools.Schema;

/// <summary>
/// Checks tool arguments against the subset of JSON Schema the tool descriptors use: <c>type</c> (one or a list),
/// <c>properties</c>, <c>required</c>, <c>additionalProperties: false</c>, <c>items</c>, <c>enum</c>,
/// <c>minimum</c>/<c>maximum</c>, <c>minLength</c>/<c>maxLength</c>, <c>minItems</c>/<c>maxItems</c> and <c>anyOf</c>.
/// </summary>
public static partial class ArgumentSchemaValidator
{
    /// <summary>Validates a value against a schema.</summary>
    /// <param name="value">The value (usually a step's <c>args</c> object).</param>
    /// <param name="schema">The schema.</param>
    /// <param name="allowReferences">
    /// Whether strings may still hold step references. Before a run they do: a string that is one whole reference
    /// stands for a value of any type, and a string with embedded references is only checked as a string, since
    /// neither its content nor its length is known until the referenced step has run.
    /// </param>
    /// <returns>The faults, each naming the argument; empty when the value is valid.</returns>
    public static IReadOnlyList<string> Validate(JsonNode? value, JsonObject schema, bool allowReferences)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var faults = new List<string>();
        Check(value, schema, "", allowReferences, faults);
        return faults;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, bool allowReferences, List<string> faults)
    {
        var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (allowReferences && text is not null && StepReferences.IsWholeReference(text, out _))
        {
            return;
        }

        if (!CheckType(value, schema, path, faults))
        {
            return;
        }

        var hasReference = allowReferences && text is not null && StepReferences.Contains(text);
        if (!hasReference)
        {
            CheckEnum(value, schema, path, faults);
            CheckLength(text, schema, path, faults);
        }

        CheckRange(value, schema, path, faults);
        if (value is JsonObject obj)
        {
            CheckObject(obj, schema, path, allowReferences, faults);
        }
        else if (value is JsonArray array)
        {
            CheckArray(array, schema, path, allowReferences, faults);
        }
    }

    private static void CheckEnum(JsonNode? value, JsonObject schema, string path, List<string> faults)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            faults.Add($"{Name(path)} must be one of {string.Join(", ", allowed.Select(a => a?.ToJsonString()))}, not {Show(value)}");
        }
    }

    private static void CheckLength(string? text, JsonObject schema, string path, List<string> faults)
    {
        if (text is null)
        {
            return;
        }

        if (schema["minLength"] is JsonValue min && text.Trim().Length < (int)JsonNumber.Get(min))
        {
            faults.Add($"{Name(path)} must not be empty");
        }

        if (schema["maxLength"] is JsonValue max && text.Length > (int)JsonNumber.Get(max))
        {
            faults.Add($"{Name(path)} is {text.Length} characters long, over the limit of {(int)JsonNumber.Get(max)}");
        }
    }

    private static void CheckRange(JsonNode? value, JsonObject schema, string path, List<string> faults)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return;
        }

        var number = JsonNumber.Get(v);
        if (schema["minimum"] is JsonValue min && number < JsonNumber.Get(min))
        {
            faults.Add($"{Name(path)} must be at least {Format(JsonNumber.Get(min))}, not {Format(number)}");
        }

        if (schema["maximum"] is JsonValue max && number > JsonNumber.Get(max))
        {
            faults.Add($"{Name(path)} must be at most {Format(JsonNumber.Get(max))}, not {Format(number)}");
        }
    }

    private static string Name(string path) => path.Length == 0 ? "args" : $"argument '{path}'";

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(JsonNode? value)
    {
        var json = value?.ToJsonString() ?? "null";
        return json.Length > 60 ? string.Concat(json.AsSpan(0, 57), "...") : json;
    }
}
