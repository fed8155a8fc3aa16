using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Cli.Tests.Fakes;

/// <summary>
/// A small in-process HTTP server on a free loopback port that implements the CONTRACT §3 run routes with the canned
/// runs of <see cref="FakeScenarios"/>, and records every request.
/// </summary>
public sealed class FakeAgentFlowsServer : IAsyncLifetime
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, FakeRun> _runs = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FakeRun>> _started = new();
    private WebApplication? _app;
    private int _nextRun;

    /// <summary>Gets the server's root address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    internal IReadOnlyCollection<RecordedRequest> Requests => _requests;

    internal FakeRun this[string runId] => _runs[runId];

    /// <summary>Adds a run directly, as if it had been started; with <paramref name="finished"/> all its events already happened.</summary>
    internal FakeRun AddRun(string prompt, bool finished = false)
    {
        var run = FakeScenarios.Create(prompt, NewRunId(), null);
        _runs[run.RunId] = run;
        if (finished)
        {
            run.DeliverAll();
        }

        return run;
    }

    /// <summary>Completes when the next run with <paramref name="prompt"/> is started through <c>POST /api/runs</c>.</summary>
    internal Task<FakeRun> WhenStarted(string prompt)
    {
        var started = new TaskCompletionSource<FakeRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        _started[prompt] = started;
        return started.Task;
    }

    internal IEnumerable<RecordedRequest> RequestsFor(string runId) =>
        _requests.Where(r => r.Path.Contains("/" + runId, StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            _requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers["x-api-key"].FirstOrDefault(),
                context.Request.Headers.Accept.FirstOrDefault(),
                body));
            await next(context);
        });
        MapRoutes(_app);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        Url = addresses.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static IResult NotFound(string runId) => Results.Problem(
        type: "https://agentflows.dev/problems/run-not-found",
        title: "Not Found",
        detail: $"run '{runId}' does not exist",
        statusCode: StatusCodes.Status404NotFound);

    private string NewRunId() => "run-" + Interlocked.Increment(ref _nextRun).ToString(CultureInfo.InvariantCulture);

    private void MapRoutes(WebApplication app)
    {
        app.MapPost("/api/runs", (StartBody body) =>
        {
            if (!FakeScenarios.IsKnown(body.Prompt ?? string.Empty))
            {
                return Results.Problem(
                    type: "https://agentflows.dev/problems/unplannable-prompt",
                    title: "Unprocessable Entity",
                    detail: $"the pattern planner did not understand '{body.Prompt}'",
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            var run = FakeScenarios.Create(body.Prompt!, NewRunId(), body.SessionId);
            _runs[run.RunId] = run;
            if (_started.TryRemove(run.Prompt, out var started))
            {
                started.TrySetResult(run);
            }

            var self = "/api/runs/" + run.RunId;
            return Results.Accepted(self, new
            {
                runId = run.RunId,
                status = "Pending",
                links = new { self, events = self + "/events", cancel = self + "/cancel", rewind = self + "/rewind", approve = self + "/approve" },
            });
        });

        app.MapGet("/api/runs/{runId}", (string runId) =>
        {
            if (runId == "explodes")
            {
                return Results.Text("kaboom", "text/plain", statusCode: 500);
            }

            if (!_runs.TryGetValue(runId, out var run))
            {
                return NotFound(runId);
            }

            run.CountFetch();
            return Results.Ok(run.ToDetails());
        });

        app.MapGet("/api/tools", () => Results.Ok(new
        {
            items = new object[]
            {
                new { name = "calculator", version = "1.0.0", description = "Arithmetic.", argsSchema = new { type = "object" }, outputSchema = new { type = "number" }, pure = true, needsLlm = false, sideEffects = false, usage = new { calls = 12, errors = 1, p50Ms = 0.25 } },
                new { name = "llm.write", version = "2.1.0", description = "Writes.", argsSchema = new { type = "object" }, outputSchema = new { type = "string" }, pure = false, needsLlm = true, sideEffects = true, usage = new { calls = 0, errors = 0, p50Ms = (double?)null } },
            },
        }));

        app.MapGet("/api/runs", (string? status, int? top) =>
        {
            var matching = _runs.Values.OrderBy(r => r.RunId, StringComparer.Ordinal)
                .Where(r => status is null || r.Status == status).ToList();
            var page = matching.Take(top ?? 100).ToList();
            return Results.Ok(new
            {
                items = page.Select(r => r.ToDetails()),
                totalCount = matching.Count,
                continuationToken = page.Count < matching.Count ? "next-page" : null,
            });
        });

        app.MapGet("/api/runs/{runId}/events", (string runId, long? after, HttpContext context) =>
            _runs.TryGetValue(runId, out var run) ? StreamAsync(run, after ?? 0, context) : NotFound(runId).ExecuteAsync(context));

        app.MapPost("/api/runs/{runId}/cancel", (string runId) =>
            _runs.ContainsKey(runId) ? Results.Accepted() : NotFound(runId));

        app.MapPost("/api/runs/{runId}/rewind", (string runId) =>
            !_runs.TryGetValue(runId, out var run) ? NotFound(runId)
            : run.Status != "Failed"
                ? Results.Problem(
                    type: "https://agentflows.dev/problems/run-not-failed",
                    title: "Conflict",
                    detail: $"run '{runId}' is {run.Status}; only a Failed run can be rewound",
                    statusCode: StatusCodes.Status409Conflict)
                : Results.Accepted());

        app.MapPost("/api/runs/{runId}/approve", (string runId, ApproveBody body) =>
        {
            if (!_runs.TryGetValue(runId, out var run))
            {
                return NotFound(runId);
            }

            run.Approval.TrySetResult(body.Decision ?? string.Empty);
            return Results.Accepted();
        });
    }

    private static async Task StreamAsync(FakeRun run, long after, HttpContext context)
    {
        var connection = run.NextConnection();
        context.Response.ContentType = "application/x-ndjson";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (run.Stream == StreamBehavior.AlwaysAbort)
        {
            context.Abort();
            return;
        }

        var breaks = connection == 1 && run.Stream is StreamBehavior.AbortOnce or StreamBehavior.EndEarlyOnce;
        foreach (var e in run.Events.Where(e => e.Seq > after))
        {
            var line = JsonSerializer.Serialize(e, _json);
            if (breaks && e.Seq > run.DropAfterSeq)
            {
                if (run.Stream == StreamBehavior.AbortOnce)
                {
                    // Half a line, then the connection dies: the client must discard it and resume after the last whole one.
                    await context.Response.WriteAsync(line[..(line.Length / 2)], context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);

                    // Kestrel's abort discards output still on its way, so first let the client prove it read the events.
                    await run.SecondFetch.Task.WaitAsync(context.RequestAborted);
                    context.Abort();
                }

                return;
            }

            if (run.Stream == StreamBehavior.WaitForApproval && e.Type == "approval.resolved")
            {
                await run.Approval.Task.WaitAsync(context.RequestAborted);
            }

            await context.Response.WriteAsync(line + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            run.MarkDelivered(e.Seq);
            if (e.Type == "approval.requested")
            {
                run.ApprovalRequestedSent.TrySetResult();
            }
        }
    }

    private sealed record StartBody(string? Prompt, string? SessionId, string? Planner, string? OnStepFailure);

    private sealed record ApproveBody(string? Decision, string? Note);
}
