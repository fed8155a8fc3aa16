using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AgentFlows.Cli.Api;

/// <content>The event stream of a run.</content>
internal sealed partial class AgentFlowsApiClient
{
    /// <summary>
    /// Opens <c>GET /api/runs/{runId}/events</c> as NDJSON and yields its events until the server ends the stream.
    /// A dropped connection surfaces as an <see cref="IOException"/> or <see cref="HttpRequestException"/> from the
    /// enumeration; <see cref="RunEventFollower"/> turns that into a resume.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="after">Only events after this sequence number; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The events with their raw lines.</returns>
    public async IAsyncEnumerable<RunEventLine> ReadEventsAsync(
        string runId,
        long? after,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = RunPath(runId) + "/events";
        if (after is { } seq)
        {
            path += "?after=" + seq.ToString(CultureInfo.InvariantCulture);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));

        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connect.CancelAfter(_requestTimeout);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var text = new StreamReader(stream);
        var reader = new NdjsonLineReader(text);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return new RunEventLine(Parse(line), line);
        }
    }

    private static RunEvent Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<RunEvent>(line, ApiJson.Options)
                ?? throw new InvalidDataException("the server sent a null event");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the server sent an event that is not valid JSON: {ex.Message}", ex);
        }
    }
}
