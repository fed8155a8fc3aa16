using System.Globalization;
using System.Net.Http.Json;

namespace AgentFlows.Cli.Api;

/// <summary>
/// A small typed client of the AgentFlows Run API (CONTRACT §3). It knows HTTP and JSON only; rendering is elsewhere.
/// Connection failures surface as <see cref="AgentFlowsUnreachableException"/>, error statuses as
/// <see cref="AgentFlowsApiException"/>.
/// </summary>
internal sealed partial class AgentFlowsApiClient : IDisposable
{
    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "x-api-key";

    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;

    /// <summary>Initializes a new instance of the <see cref="AgentFlowsApiClient"/> class.</summary>
    /// <param name="baseAddress">The service's root, e.g. <c>http://127.0.0.1:7071</c>.</param>
    /// <param name="apiKey">The API key, or <see langword="null"/> for none.</param>
    /// <param name="requestTimeout">The time limit of one ordinary request; event streams have none.</param>
    /// <param name="handler">The HTTP handler; by default a new <see cref="SocketsHttpHandler"/>.</param>
    public AgentFlowsApiClient(Uri baseAddress, string? apiKey, TimeSpan requestTimeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = root,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        _requestTimeout = requestTimeout;
    }

    /// <summary>Starts a run (<c>POST /api/runs</c>).</summary>
    /// <param name="request">The run to start.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The accepted run.</returns>
    public Task<RunAccepted> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken) =>
        SendForJsonAsync<RunAccepted>(HttpMethod.Post, "api/runs", JsonContent.Create(request, options: ApiJson.Options), cancellationToken);

    /// <summary>Reads a run with its plan (<c>GET /api/runs/{runId}</c>).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The run.</returns>
    public Task<RunDetails> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        SendForJsonAsync<RunDetails>(HttpMethod.Get, RunPath(runId), null, cancellationToken);

    /// <summary>Reads a run as the server's raw JSON text.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The response body.</returns>
    public Task<string> GetRunJsonAsync(string runId, CancellationToken cancellationToken) =>
        SendForTextAsync(HttpMethod.Get, RunPath(runId), null, cancellationToken);

    /// <summary>Lists the tools with their usage (<c>GET /api/tools</c>) as the server's raw JSON text.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The response body.</returns>
    public Task<string> ListToolsJsonAsync(CancellationToken cancellationToken) =>
        SendForTextAsync(HttpMethod.Get, "api/tools", null, cancellationToken);

    /// <summary>Lists runs (<c>GET /api/runs</c>) as the server's raw JSON text.</summary>
    /// <param name="status">The status filter, if any.</param>
    /// <param name="top">The page size, if any.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The response body.</returns>
    public Task<string> ListRunsJsonAsync(string? status, int? top, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(status))
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }

        if (top is { } n)
        {
            query.Add("top=" + n.ToString(CultureInfo.InvariantCulture));
        }

        var path = query.Count == 0 ? "api/runs" : "api/runs?" + string.Join('&', query);
        return SendForTextAsync(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>Asks the server to cancel a run (<c>POST /api/runs/{runId}/cancel</c>).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="reason">Why, if given.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes once the server accepted the request.</returns>
    public Task CancelRunAsync(string runId, string? reason, CancellationToken cancellationToken) =>
        SendForTextAsync(HttpMethod.Post, RunPath(runId) + "/cancel", JsonContent.Create(new CancelRequest(reason), options: ApiJson.Options), cancellationToken);

    /// <summary>Asks the server to re-run the failed steps of a failed run (<c>POST /api/runs/{runId}/rewind</c>).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes once the server accepted the request.</returns>
    public Task RewindRunAsync(string runId, CancellationToken cancellationToken) =>
        SendForTextAsync(HttpMethod.Post, RunPath(runId) + "/rewind", null, cancellationToken);

    /// <summary>Answers a run waiting for approval (<c>POST /api/runs/{runId}/approve</c>).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="request">The decision and note.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes once the server accepted the decision.</returns>
    public Task ApproveRunAsync(string runId, ApproveRequest request, CancellationToken cancellationToken) =>
        SendForTextAsync(HttpMethod.Post, RunPath(runId) + "/approve", JsonContent.Create(request, options: ApiJson.Options), cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private static string RunPath(string runId) => "api/runs/" + Uri.EscapeDataString(runId);

    private async Task<T> SendForJsonAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var text = await SendForTextAsync(method, path, content, cancellationToken);
        return ApiJson.Parse<T>(text, $"{method} /{path}");
    }

    private async Task<string> SendForTextAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Sends a request and turns transport failures and error statuses into the client's exceptions.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        HttpCompletionOption completion,
        CancellationToken requestToken,
        CancellationToken callerToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, requestToken);
        }
        catch (HttpRequestException ex)
        {
            throw AgentFlowsUnreachableException.From(ex);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw new AgentFlowsUnreachableException(
                $"no answer within {_requestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s",
                ex,
                isConnectFailure: true);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await AgentFlowsApiException.FromResponseAsync(response, callerToken);
        }
    }
}
