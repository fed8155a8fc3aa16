using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Json;

/// <summary>Reads and writes JSON numbers whatever CLR type backs a <see cref="JsonValue"/>.</summary>
/// <remarks>
/// A node parsed from text is backed by a JsonElement, one built in code by an int, long or double, and
/// <c>GetValue&lt;double&gt;</c> does not convert between them; these helpers do.
/// </remarks>
internal static class JsonNumber
{
    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static bool TryGet(JsonNode? node, out double value)
    {
        value = 0;
        if (!IsNumber(node))
        {
            return false;
        }

        var v = (JsonValue)node!;
        if (v.TryGetValue(out double d))
        {
            value = d;
        }
        else if (v.TryGetValue(out long l))
        {
            value = l;
        }
        else if (v.TryGetValue(out int i))
        {
            value = i;
        }
        else if (v.TryGetValue(out JsonElement e))
        {
            value = e.GetDouble();
        }
        else
        {
            value = double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return true;
    }

    public static double Get(JsonNode? node) =>
        TryGet(node, out var value) ? value : throw new InvalidOperationException($"Expected a number, not {node?.ToJsonString() ?? "null"}.");

    /// <summary>Creates a JSON number; whole values become integers so they print without a fraction.</summary>
    public static JsonNode? Create(double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        return double.IsInteger(value) && Math.Abs(value) < 9e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);
    }

    /// <summary>Formats a number for text: invariant, at most 15 significant digits, so float noise never shows.</summary>
    public static string Format(double value)
    {
        if (double.IsInteger(value) && Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        return value.ToString("G15", CultureInfo.InvariantCulture);
    }
}
