using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using AgentFlows.History;
using AgentFlows.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace AgentFlows.Host.Runs;

/// <summary>
/// Writes a run's events as they happen. Each round re-reads the instance and then its history and projects them
/// (<see cref="RunProjection"/>), sends the events numbered after the last one sent, flushes, and waits for the next
/// change of the instance (an in-process notice from the worker, or at most <see cref="PollInterval"/> when the work
/// runs on another host). Because the numbers derive from history positions, a reconnect after a restart with
/// <c>Last-Event-ID</c> resumes with no gap and no duplicate.
/// </summary>
/// <remarks>
/// The instance is read before the history, and a checkpoint writes both in one transaction: once the instance reads
/// as ended, the history read after it holds the final event, so the stream ends with every event sent.
/// </remarks>
/// <param name="runId">The run id.</param>
/// <param name="after">The last seq the caller has seen (0 for all).</param>
/// <param name="sse">Server-Sent Events rather than NDJSON.</param>
/// <param name="client">The client.</param>
/// <param name="changes">In-process change notices, if the worker runs in this process.</param>
internal sealed class RunEventStream(string runId, long after, bool sse, DurableTaskClient client, InstanceChangeNotifier? changes) : IResult
{
    /// <summary>The longest wait between two reads when no change notice arrives.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan _heartbeat = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = sse ? RunEventsEndpoints.EventStream : RunEventsEndpoints.Ndjson;
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var cancellationToken = httpContext.RequestAborted;
        try
        {
            await response.StartAsync(cancellationToken);
            await PumpAsync(response, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; it resumes with Last-Event-ID.
        }
    }

    private async Task PumpAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        var last = after;
        var idle = TimeSpan.Zero;
        while (true)
        {
            // Ask for the notice before reading, so a change between the read and the wait is not missed.
            var change = changes?.NextChange(runId);
            var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
            var history = instance is null ? null : await HistoryAsync(cancellationToken);
            if (instance is null || history is null)
            {
                Forget(change);
                return;
            }

            var sent = 0;
            foreach (var e in RunProjection.Build(instance, history).Events.Where(e => e.Seq > last).OrderBy(e => e.Seq))
            {
                await response.WriteAsync(Format(e), Encoding.UTF8, cancellationToken);
                last = e.Seq;
                sent++;
            }

            if (sent > 0)
            {
                await response.Body.FlushAsync(cancellationToken);
                idle = TimeSpan.Zero;
            }

            if (instance.IsCompleted)
            {
                Forget(change);
                return;
            }

            var delay = Task.Delay(PollInterval, cancellationToken);
            await (change is null ? delay : Task.WhenAny(change, delay));
            cancellationToken.ThrowIfCancellationRequested();
            idle += PollInterval;
            if (sse && idle >= _heartbeat)
            {
                // An SSE comment keeps proxies from closing a quiet stream; NDJSON has no comment syntax.
                await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                idle = TimeSpan.Zero;
            }
        }
    }

    private async Task<IReadOnlyList<HistoryEvent>?> HistoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetOrchestrationHistoryAsync(runId, cancellationToken);
        }
        catch (OrchestrationNotFoundException)
        {
            // Purged while streaming: there is nothing more to send.
            return null;
        }
    }

    private string Format(RunEvent e)
    {
        var json = JsonSerializer.Serialize(e, _json);
        return sse
            ? $"id: {e.Seq.ToString(CultureInfo.InvariantCulture)}\nevent: {e.Type}\ndata: {json}\n\n"
            : json + "\n";
    }

    private void Forget(Task? change)
    {
        if (change is not null)
        {
            changes!.Forget(runId, change);
        }
    }
}
