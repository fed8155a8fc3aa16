using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Agents.Llm.Tests.Fakes;

/// <summary>
/// An in-process server that speaks the OpenAI chat-completions wire format on a loopback port
/// (<c>/v1/chat/completions</c> and Azure's <c>/openai/v1/chat/completions</c>): JSON or SSE streaming with a final
/// usage chunk, scripted failures and delays, and a record of every request.
/// </summary>
internal sealed partial class FakeOpenAIServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private WebApplication? _app;

    public Uri Root { get; private set; } = null!;

    /// <summary>Gets the OpenAI-style base URL (<c>…/v1/</c>).</summary>
    public Uri BaseUrl => new(Root, "v1/");

    /// <summary>Gets or sets the answer when nothing is scripted.</summary>
    public Func<RecordedRequest, FakeReply> Default { get; set; } = _ => FakeReply.Text("ok");

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public int RequestCount => Requests.Count;

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var server = new FakeOpenAIServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        app.MapPost("/openai/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.Root = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Queues answers for the next requests, in order.</summary>
    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Waits (bounded) until the server has received its <paramref name="count"/>-th request in all.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (RequestCount < count)
        {
            await _arrivals.Reader.ReadAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var request = new RecordedRequest(http.Request.Path, headers, body);
        lock (_requests)
        {
            _requests.Add(request);
        }

        _arrivals.Writer.TryWrite(request);
        var reply = _script.TryDequeue(out var scripted) ? scripted : Default(request);
        if (reply.Delay != TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        foreach (var (name, value) in reply.Headers)
        {
            http.Response.Headers[name] = value;
        }

        if (reply.Status != 200)
        {
            http.Response.StatusCode = reply.Status;
            await http.Response.WriteAsJsonAsync(new { error = new { message = $"scripted failure {reply.Status}", type = "server_error", code = (string?)null } });
            return;
        }

        await (request.Stream ? WriteStreamAsync(http, request, reply) : WriteCompletionAsync(http, request, reply));
    }
}
