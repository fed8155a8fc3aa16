using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;

namespace AgentFlows.Agents.Plans;

/// <summary>Substitutes completed steps' outputs for the references in a step's arguments.</summary>
/// <remarks>
/// A string that is exactly one reference becomes the output itself, keeping its JSON type (a number stays a
/// number, an object an object). A reference inside a longer string is replaced by the output's text: a string
/// as is, a number formatted invariantly with at most 15 significant digits (so <c>0.1 + 0.2</c> shows as 0.3
/// and 12.0 as 12), true/false, an absent or null output as nothing, and objects and arrays as compact JSON.
/// </remarks>
public sealed class ReferenceResolver
{
    private readonly Plan _plan;

    /// <summary>Initializes a new instance of the <see cref="ReferenceResolver"/> class.</summary>
    /// <param name="plan">The plan the references belong to (it numbers <c>{step_N_output}</c>).</param>
    public ReferenceResolver(Plan plan) => _plan = plan ?? throw new ArgumentNullException(nameof(plan));

    /// <summary>Resolves the references in a step's arguments.</summary>
    /// <param name="args">The arguments; they are not changed.</param>
    /// <param name="outputs">Completed steps' outputs by step id (a null value is a step that produced no output).</param>
    /// <returns>A new argument object without references.</returns>
    /// <exception cref="ReferenceResolutionException">A reference names a step with no recorded output.</exception>
    public JsonObject Resolve(JsonObject args, IReadOnlyDictionary<string, JsonNode?> outputs)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(outputs);
        return (JsonObject)Substitute(args, outputs)!;
    }

    /// <summary>Formats an output for use inside a longer string.</summary>
    /// <param name="output">The output.</param>
    /// <returns>Its text.</returns>
    public static string ToText(JsonNode? output) => output switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonNumber.Format(JsonNumber.Get(v)),
        _ => output.ToJsonString(),
    };

    private JsonNode? Substitute(JsonNode? node, IReadOnlyDictionary<string, JsonNode?> outputs) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Substitute(p.Value, outputs)))),
        JsonArray array => new JsonArray(array.Select(item => Substitute(item, outputs)).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => SubstituteString(v.GetValue<string>(), outputs),
        _ => node?.DeepClone(),
    };

    private JsonNode? SubstituteString(string text, IReadOnlyDictionary<string, JsonNode?> outputs)
    {
        if (StepReferences.IsWholeReference(text, out var whole))
        {
            return Output(whole, outputs)?.DeepClone();
        }

        var references = StepReferences.Find(text);
        if (references.Count == 0)
        {
            return JsonValue.Create(text);
        }

        var builder = new StringBuilder(text.Length);
        var at = 0;
        foreach (var reference in references)
        {
            builder.Append(text, at, reference.Start - at).Append(ToText(Output(reference, outputs)));
            at = reference.Start + reference.Length;
        }

        return JsonValue.Create(builder.Append(text, at, text.Length - at).ToString());
    }

    private JsonNode? Output(StepReference reference, IReadOnlyDictionary<string, JsonNode?> outputs)
    {
        var id = reference.Resolve(_plan)
            ?? throw new ReferenceResolutionException($"{reference.Text} names no step of this plan.");
        return outputs.TryGetValue(id, out var output)
            ? output
            : throw new ReferenceResolutionException($"{reference.Text} refers to step '{id}', which has not completed.");
    }
}
