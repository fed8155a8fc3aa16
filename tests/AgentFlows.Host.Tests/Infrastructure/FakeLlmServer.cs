using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible chat endpoint on loopback whose first request is held until released (or the caller gives
/// up): an activity that is surely in flight when a test needs one.
/// </summary>
internal sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    private FakeLlmServer(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Gets the endpoint to configure as <c>AgentFlows__Llm__Endpoint</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Gets how many chat requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets a task that completes when the first request arrives.</summary>
    public Task FirstRequestArrived => _firstArrived.Task;

    /// <summary>Starts the server.</summary>
    /// <returns>The server.</returns>
    public static async Task<FakeLlmServer> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new FakeLlmServer(app, $"http://127.0.0.1:{port}/v1");
        app.MapPost("/v1/chat/completions", (Delegate)server.CompleteAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Lets the held first request (if still waiting) answer.</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
    }

    private async Task<IResult> CompleteAsync(HttpContext http)
    {
        if (Interlocked.Increment(ref _requests) == 1)
        {
            _firstArrived.TrySetResult();
            await _release.Task.WaitAsync(http.RequestAborted);
        }

        return Results.Json(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = "a short summary" }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 12, completion_tokens = 4, total_tokens = 16 },
        });
    }
}
