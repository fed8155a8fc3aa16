using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentFlows.History;

namespace AgentFlows.Storage;

/// <summary>
/// The fixed JSON shape of stored events, failures and tags, shared by every relational store: camelCase, enums as
/// names, nulls left out. Fixed here rather than borrowed from the data converter so that a change of user-facing
/// options never changes stored rows.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(FailureDetails))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

/// <summary>Serialization of stored rows: events, failures and tags, in one format for every store.</summary>
public static class StoredJson
{
    // Payloads inside events are JSON themselves: escaping their quotes as \u0022 (the HTML-safe default) would
    // make every stored event longer and slower to read. Nothing here is ever embedded in HTML.
    private static readonly StoreJsonContext _context = new(new JsonSerializerOptions(StoreJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Serializes an event.</summary>
    /// <param name="value">The event.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(HistoryEvent value) => JsonSerializer.Serialize(value, _context.HistoryEvent);

    /// <summary>Reads an event.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The event.</returns>
    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize(json, _context.HistoryEvent) ?? throw new InvalidDataException("A stored event is null.");

    /// <summary>Serializes failure details.</summary>
    /// <param name="value">The failure, or null.</param>
    /// <returns>The JSON text, or null.</returns>
    public static string? Serialize(FailureDetails? value) =>
        value is null ? null : JsonSerializer.Serialize(value, _context.FailureDetails);

    /// <summary>Reads failure details.</summary>
    /// <param name="json">The JSON text, or null.</param>
    /// <returns>The failure, or null.</returns>
    public static FailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, _context.FailureDetails);

    /// <summary>Serializes tags.</summary>
    /// <param name="value">The tags, or null.</param>
    /// <returns>The JSON text, or null.</returns>
    public static string? Serialize(IReadOnlyDictionary<string, string>? value) =>
        value is null ? null : JsonSerializer.Serialize(value, _context.IReadOnlyDictionaryStringString);

    /// <summary>Serializes a list of strings (for example ids passed to SQL as one JSON array).</summary>
    /// <param name="value">The strings.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(List<string> value) => JsonSerializer.Serialize(value, _context.ListString);

    /// <summary>Reads tags.</summary>
    /// <param name="json">The JSON text, or null.</param>
    /// <returns>The tags, or null.</returns>
    public static Dictionary<string, string>? DeserializeTags(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, _context.DictionaryStringString);
}
