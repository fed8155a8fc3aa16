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

    /// <summary>Parses the server's JSON, naming the request when it is not what the client expects.</summary>
    /// <typeparam name="T">The expected shape.</typeparam>
    /// <param name="text">The JSON.</param>
    /// <param name="request">The request that answered (for example <c>GET /api/tools</c>).</param>
    /// <returns>The parsed value.</returns>
    /// <exception cref="InvalidDataException">Empty or unexpected JSON.</exception>
    public static T Parse<T>(string text, string request)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options) ?? throw new InvalidDataException($"the server answered {request} with an empty body");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the server answered {request} with unexpected JSON: {ex.Message}", ex);
        }
    }
}
