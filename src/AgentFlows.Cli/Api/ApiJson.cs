using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlows.Cli.Api;

/// <summary>The JSON settings of the Run API: web defaults (camelCase, case-insensitive), nulls left out.</summary>
internal static class ApiJson
{
    /// <summary>Gets the serializer options shared by every request and response.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Renders a JSON value as one line of text: strings unquoted, anything else as compact JSON.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns>The text, or <see langword="null"/> for an absent or JSON <c>null</c> value.</returns>
    public static string? ToText(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };

    /// <summary>Renders an error value: a string, or the <c>message</c> of an error object, or compact JSON.</summary>
    /// <param name="error">The error value, or <see langword="null"/>.</param>
    /// <returns>The message, or <see langword="null"/> when there is none.</returns>
    public static string? ToErrorText(JsonElement? error) =>
        error is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("message", out var message)
            ? ToText(message)
            : ToText(error);
}
