using System.Text.Json;
using System.Text.Json.Serialization;
using AgentFlows.History;

namespace AgentFlows.Storage.PostgreSql.Internal;

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
internal sealed partial class StoreJsonContext : JsonSerializerContext;

/// <summary>Serialization helpers over <see cref="StoreJsonContext"/>.</summary>
internal static class StoreJson
{
    public static string Serialize(HistoryEvent value) => JsonSerializer.Serialize(value, StoreJsonContext.Default.HistoryEvent);

    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.HistoryEvent) ?? throw new InvalidDataException("A stored event is null.");

    public static string? Serialize(FailureDetails? value) =>
        value is null ? null : JsonSerializer.Serialize(value, StoreJsonContext.Default.FailureDetails);

    public static FailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, StoreJsonContext.Default.FailureDetails);

    public static string? Serialize(IReadOnlyDictionary<string, string>? value) =>
        value is null ? null : JsonSerializer.Serialize(value, StoreJsonContext.Default.IReadOnlyDictionaryStringString);

    public static Dictionary<string, string>? DeserializeTags(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, StoreJsonContext.Default.DictionaryStringString);
}
