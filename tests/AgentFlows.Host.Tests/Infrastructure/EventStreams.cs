using System.Net;
using System.Net.Http.Headers;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>One Server-Sent Events frame.</summary>
/// <param name="Id">The <c>id:</c> field.</param>
/// <param name="Event">The <c>event:</c> field.</param>
/// <param name="Data">The <c>data:</c> field, parsed.</param>
internal sealed record SseFrame(long Id, string Event, JsonObject Data);

/// <summary>Reads a run's event stream, as NDJSON or SSE, until the server ends it or the caller stops early.</summary>
internal static class EventStreams
{
    /// <summary>Reads NDJSON events.</summary>
    /// <param name="http">The client.</param>
    /// <param name="path">The events path (with any query).</param>
    /// <param name="lastEventId">Sent as <c>Last-Event-ID</c> when not null.</param>
    /// <param name="stopAfter">Stops reading (and disconnects) after the first event it accepts.</param>
    /// <returns>The events read.</returns>
    public static async Task<List<JsonObject>> ReadNdjsonAsync(HttpClient http, string path, long? lastEventId = null, Func<JsonObject, bool>? stopAfter = null)
    {
        using var timeout = TestTimeouts.ForRun();
        using var response = await OpenAsync(http, path, "application/x-ndjson", lastEventId, timeout.Token);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<JsonObject>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            var e = JsonNode.Parse(line)!.AsObject();
            events.Add(e);
            if (stopAfter?.Invoke(e) == true)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>Reads SSE frames (comments skipped).</summary>
    /// <param name="http">The client.</param>
    /// <param name="path">The events path.</param>
    /// <param name="lastEventId">Sent as <c>Last-Event-ID</c> when not null.</param>
    /// <param name="stopAfter">Stops reading (and disconnects) after the first frame it accepts.</param>
    /// <returns>The frames read.</returns>
    public static async Task<List<SseFrame>> ReadSseAsync(HttpClient http, string path, long? lastEventId = null, Func<SseFrame, bool>? stopAfter = null)
    {
        using var timeout = TestTimeouts.ForRun();
        using var response = await OpenAsync(http, path, "text/event-stream", lastEventId, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var frames = new List<SseFrame>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length > 0)
            {
                if (!line.StartsWith(':'))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    fields[line[..colon]] = line[(colon + 1)..].TrimStart(' ');
                }

                continue;
            }

            if (fields.Count == 0)
            {
                continue;
            }

            var frame = new SseFrame(long.Parse(fields["id"], System.Globalization.CultureInfo.InvariantCulture), fields["event"], JsonNode.Parse(fields["data"])!.AsObject());
            fields.Clear();
            frames.Add(frame);
            if (stopAfter?.Invoke(frame) == true)
            {
                break;
            }
        }

        Assert.Empty(fields);
        return frames;
    }

    /// <summary>Gets an event's seq.</summary>
    /// <param name="e">The event.</param>
    /// <returns>The seq.</returns>
    public static long Seq(this JsonObject e) => e["seq"]!.GetValue<long>();

    /// <summary>Gets an event's type.</summary>
    /// <param name="e">The event.</param>
    /// <returns>The type.</returns>
    public static string Type(this JsonObject e) => e["type"]!.GetValue<string>();

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient http, string path, string accept, long? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
