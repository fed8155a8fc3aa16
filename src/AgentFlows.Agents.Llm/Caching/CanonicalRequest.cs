using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Caching;

/// <summary>
/// The canonical form of a request: model, instructions, messages (role and text) and the options that change the
/// answer, written in a fixed order and hashed. Tenant, session and run are not part of it: they scope the cache
/// instead, so equal requests of different sessions never meet.
/// </summary>
internal static class CanonicalRequest
{
    /// <summary>Hashes a request.</summary>
    /// <param name="model">The model.</param>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The options.</param>
    /// <returns>The SHA-256 as hex, or null when a message holds content other than text (not cached).</returns>
    public static string? Hash(string model, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        if (messages.Any(m => m.Contents.Any(c => c is not TextContent)))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("instructions", options?.Instructions);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartArray();
                json.WriteStringValue(message.Role.Value);
                json.WriteStringValue(message.Text);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            WriteOptions(json, options);
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Writes the messages as <c>role: text</c> lines, for the audit trail.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The options (their instructions come first).</param>
    /// <returns>The prompt text.</returns>
    public static string PromptText(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            text.Append("system: ").Append(options.Instructions).Append('\n');
        }

        foreach (var message in messages)
        {
            text.Append(message.Role.Value).Append(": ").Append(message.Text).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void WriteOptions(Utf8JsonWriter json, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        WriteNumber(json, "temperature", options.Temperature);
        WriteNumber(json, "topP", options.TopP);
        WriteNumber(json, "topK", options.TopK);
        WriteNumber(json, "maxOutputTokens", options.MaxOutputTokens);
        WriteNumber(json, "seed", options.Seed);
        WriteNumber(json, "frequencyPenalty", options.FrequencyPenalty);
        WriteNumber(json, "presencePenalty", options.PresencePenalty);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson format:
                json.WriteStartObject("responseFormat");
                json.WriteString("name", format.SchemaName);
                if (format.Schema is { } schema)
                {
                    json.WritePropertyName("schema");
                    schema.WriteTo(json);
                }

                json.WriteEndObject();
                break;
            case ChatResponseFormatText:
                json.WriteString("responseFormat", "text");
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
