using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFlows.Agents.Plans;

/// <summary>Finds <c>{steps.&lt;id&gt;.output}</c> and <c>{step_N_output}</c> references in arguments.</summary>
public static partial class StepReferences
{
    /// <summary>Finds the references in one string.</summary>
    /// <param name="text">The string.</param>
    /// <returns>The references, in order.</returns>
    public static IReadOnlyList<StepReference> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<StepReference>();
        foreach (Match m in ReferencePattern().Matches(text))
        {
            found.Add(m.Groups["id"].Success
                ? new StepReference(m.Groups["id"].Value, null, m.Index, m.Length)
                : new StepReference(null, ParseNumber(m.Groups["n"].Value), m.Index, m.Length));
        }

        return found;
    }

    /// <summary>Finds the references in every string of a JSON value, nested arrays and objects included.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The references, in document order.</returns>
    public static IEnumerable<StepReference> FindAll(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => FindAll(p.Value)),
        JsonArray array => array.SelectMany(FindAll),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Find(value.GetValue<string>()),
        _ => [],
    };

    /// <summary>Tells whether a string holds a reference.</summary>
    /// <param name="text">The string.</param>
    /// <returns>Whether it does.</returns>
    public static bool Contains(string text) => ReferencePattern().IsMatch(text);

    /// <summary>Tells whether a string is exactly one reference (surrounding white space allowed).</summary>
    /// <param name="text">The string.</param>
    /// <param name="reference">The reference when it is.</param>
    /// <returns>Whether it is; such an argument takes the referenced output with its JSON type.</returns>
    public static bool IsWholeReference(string text, out StepReference reference)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = Find(text.Trim());
        reference = found.Count == 1 ? found[0] : null!;
        return found.Count == 1 && found[0].Length == text.Trim().Length;
    }

    // A number too large for int still reads as a (missing) step rather than failing the parse.
    private static int ParseNumber(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    [GeneratedRegex(@"\{(?:steps\.(?<id>[A-Za-z0-9_.\-]+?)\.output|step_(?<n>\d+)_output)\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReferencePattern();
}
