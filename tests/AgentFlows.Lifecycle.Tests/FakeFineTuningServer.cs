using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlows.Lifecycle.Tests;

/// <summary>An in-process server speaking the fine-tuning wire format; each GET of a job advances it one status.</summary>
internal sealed class FakeFineTuningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _jobs = new();
    private int _files;

    private FakeFineTuningServer(WebApplication app) => _app = app;

    /// <summary>Gets the statuses a job walks through on successive GETs; the last is final.</summary>
    public List<string> Progression { get; } = ["queued", "running", "succeeded"];

    public int JobsCreated;

    public TaskCompletionSource FirstPoll { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int FilesUploaded => _files;

    public string Endpoint { get; private set; } = "";

    public static async Task<FakeFineTuningServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeFineTuningServer(app);
        app.MapPost("/v1/files", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["purpose"] != "fine-tune" || form.Files.Count != 1)
            {
                return Results.BadRequest();
            }

            return Results.Json(new { id = "file-" + Interlocked.Increment(ref server._files), @object = "file", status = "processed" });
        });
        app.MapPost("/v1/fine_tuning/jobs", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var id = "ftjob-" + Interlocked.Increment(ref server.JobsCreated);
            var job = new JsonObject
            {
                ["id"] = id, ["object"] = "fine_tuning.job", ["model"] = body["model"]!.DeepClone(), ["status"] = "validating_files",
                ["suffix"] = body["suffix"]?.DeepClone(), ["metadata"] = body["metadata"]?.DeepClone(), ["fine_tuned_model"] = null, ["step"] = 0,
            };
            server._jobs[id] = job;
            return Results.Text(job.ToJsonString(), "application/json");
        });
        app.MapGet("/v1/fine_tuning/jobs", () => Results.Text(new JsonObject { ["data"] = new JsonArray(server._jobs.Values.Select(j => (JsonNode)j.DeepClone()).ToArray()) }.ToJsonString(), "application/json"));
        app.MapGet("/v1/fine_tuning/jobs/{id}", (string id) =>
        {
            if (!server._jobs.TryGetValue(id, out var job))
            {
                return Results.NotFound();
            }

            server.FirstPoll.TrySetResult();
            lock (job)
            {
                var step = Math.Min(job["step"]!.GetValue<int>(), server.Progression.Count - 1);
                job["status"] = server.Progression[step];
                job["step"] = step + 1;
                if (server.Progression[step] == "succeeded")
                {
                    job["fine_tuned_model"] = $"{job["model"]}.ft-{id}";
                }
                else if (server.Progression[step] == "failed")
                {
                    job["error"] = new JsonObject { ["code"] = "invalid_training_file", ["message"] = "The training file is invalid." };
                }

                return Results.Text(job.ToJsonString(), "application/json");
            }
        });
        app.MapPost("/v1/fine_tuning/jobs/{id}/cancel", (string id) =>
        {
            var job = server._jobs[id];
            job["status"] = "cancelled";
            return Results.Text(job.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = address + "/v1";
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
