using System.Net.Http.Headers;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>An open NDJSON event stream read one event at a time, for tests that act while it is open.</summary>
internal sealed class NdjsonConnection : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private NdjsonConnection(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>Opens the stream.</summary>
    /// <param name="http">The client.</param>
    /// <param name="path">The events path.</param>
    /// <returns>The connection.</returns>
    public static async Task<NdjsonConnection> OpenAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new NdjsonConnection(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads the next event; null when the server ended the stream or the connection dropped.</summary>
    /// <returns>The event or null.</returns>
    public async Task<JsonObject?> NextAsync()
    {
        using var timeout = TestTimeouts.ForRun();
        try
        {
            return await _reader.ReadLineAsync(timeout.Token) is { } line ? JsonNode.Parse(line)!.AsObject() : null;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
