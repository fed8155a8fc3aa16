using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlows.Http.Internal;

/// <summary>Turns a stored payload string into the JSON written to clients, as Durable Functions' <c>ParseToJToken</c> does.</summary>
internal static class JsonPayload
{
    /// <summary>Null stays null, blank becomes <c>""</c>, JSON text is parsed, anything else (a terminate reason) becomes a JSON string.</summary>
    public static JsonNode? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return JsonValue.Create(string.Empty);
        }

        try
        {
            return JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            return JsonValue.Create(trimmed);
        }
    }
}
