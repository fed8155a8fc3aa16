using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentFlows.History;

namespace AgentFlows.Storage.Sqlite.Internal;

/// <summary>
/// The fixed JSON shape of stored events, failures and tags: camelCase, enums as names, nulls left out. Fixed here
/// rather than borrowed from the data converter so that a change of user-facing options never changes stored rows.
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

/// <summary>Serialization helpers over <see cref="StoreJsonContext"/>.</summary>
internal static class StoreJson
{
    // Payloads inside events are JSON themselves: escaping their quotes as \u0022 (the HTML-safe default) would
    // make every stored event longer and slower to read. Nothing here is ever embedded in HTML.
    private static readonly StoreJsonContext Context = new(new JsonSerializerOptions(StoreJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(HistoryEvent value) => JsonSerializer.Serialize(value, Context.HistoryEvent);

    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize(json, Context.HistoryEvent) ?? throw new InvalidDataException("A stored event is null.");

    public static string? Serialize(FailureDetails? value) =>
        value is null ? null : JsonSerializer.Serialize(value, Context.FailureDetails);

    public static FailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, Context.FailureDetails);

    public static string? Serialize(IReadOnlyDictionary<string, string>? value) =>
        value is null ? null : JsonSerializer.Serialize(value, Context.IReadOnlyDictionaryStringString);

    public static Dictionary<string, string>? DeserializeTags(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, Context.DictionaryStringString);
}
