using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AgentFlows.Http.Internal;

/// <summary>The outcome of reading a JSON request body: the value (null for an empty body or <c>null</c>) or the problem to answer.</summary>
/// <param name="Value">The parsed value, detached from any document.</param>
/// <param name="Problem">The problem, when the body was refused.</param>
internal readonly record struct JsonBodyResult(JsonElement? Value, ProblemHttpResult? Problem);

/// <summary>Reads request bodies with a size limit and parses them as JSON.</summary>
internal static class JsonBody
{
    private static readonly byte[] _utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>True when the request says <c>Content-Type: application/json</c> (parameters such as charset allowed).</summary>
    public static bool IsJsonContentType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) &&
        StringSegment.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    public static async Task<JsonBodyResult> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return new(null, TooLarge(limit));
        }

        byte[]? bytes;
        try
        {
            bytes = await ReadBoundedAsync(request.Body, limit, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits (MaxRequestBodySize, minimum data rate) surface while reading.
            return new(null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(limit)
                : Problems.InvalidArgument("The request body could not be read: " + ex.Message));
        }

        return bytes is null ? new(null, TooLarge(limit)) : Parse(bytes);
    }

    /// <summary>Parses UTF-8 JSON; an empty or blank body is null input, as in Durable Functions.</summary>
    public static JsonBodyResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(_utf8Bom))
        {
            utf8 = utf8[_utf8Bom.Length..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new(null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            var value = JsonElement.ParseValue(ref reader);
            if (reader.Read())
            {
                return new(null, Problems.InvalidJson("The request body has content after its JSON value."));
            }

            return new(value.ValueKind == JsonValueKind.Null ? null : value, null);
        }
        catch (JsonException ex)
        {
            return new(null, Problems.InvalidJson("The request body is not valid JSON: " + ex.Message));
        }
    }

    // Returns null as soon as the body is over the limit, without reading the rest (a chunked body has no length up front).
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        Problems.PayloadTooLarge($"The request body is over the limit of {limit:N0} bytes.");
}
