using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentFlows.Host.Api;

/// <summary>The outcome of reading a JSON body: the value (null for an empty body or <c>null</c>) or the problem to answer.</summary>
/// <param name="Value">The parsed value.</param>
/// <param name="Problem">The problem, when the body was refused.</param>
internal readonly record struct RequestJsonResult(JsonElement? Value, ProblemHttpResult? Problem);

/// <summary>Reads request bodies as JSON, with a size limit, whatever the content type says (<c>curl -d</c> sends a form type).</summary>
internal static class RequestJson
{
    /// <summary>Reads and parses the body; over the limit is 413 without reading the rest, malformed JSON is 400.</summary>
    /// <param name="request">The request.</param>
    /// <param name="limit">The limit in bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value or the problem.</returns>
    public static async Task<RequestJsonResult> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return new(null, ApiProblems.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return new(null, ApiProblems.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static RequestJsonResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new(null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            var value = JsonElement.ParseValue(ref reader);
            return reader.Read()
                ? new(null, ApiProblems.InvalidJson("The request body has content after its JSON value."))
                : new(value.ValueKind == JsonValueKind.Null ? null : value, null);
        }
        catch (JsonException ex)
        {
            return new(null, ApiProblems.InvalidJson("The request body is not valid JSON: " + ex.Message));
        }
    }
}
