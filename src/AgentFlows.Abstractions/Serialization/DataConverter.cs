using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlows.Serialization;

/// <summary>Turns inputs, outputs and event payloads into the JSON text stored in history, and back.</summary>
public class DataConverter
{
    /// <summary>Gets the default converter: System.Text.Json with web defaults (camelCase, case-insensitive reads).</summary>
    public static DataConverter Default { get; } = new();

    /// <summary>Gets the serializer options.</summary>
    public JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serializes a value; null stays null so "no input" and "null input" read the same.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text or null.</returns>
    public virtual string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes JSON text.</summary>
    /// <param name="json">The JSON text or null.</param>
    /// <param name="type">The target type.</param>
    /// <returns>The value.</returns>
    public virtual object? Deserialize(string? json, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (json is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        return JsonSerializer.Deserialize(json, type, Options);
    }

    /// <summary>Deserializes JSON text.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="json">The JSON text or null.</param>
    /// <returns>The value.</returns>
    public T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));
}
