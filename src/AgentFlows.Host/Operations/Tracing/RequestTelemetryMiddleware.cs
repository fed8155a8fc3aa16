using System.Diagnostics;
using AgentFlows.Host.Operations.Metrics;

namespace AgentFlows.Host.Operations.Tracing;

/// <summary>
/// The server span and the metrics of every HTTP request. The span continues the caller's <c>traceparent</c> (or
/// starts a trace) and is current while the request runs, so a run started by the request records it in history and
/// the whole run lands in the request's trace. Labels use the route template, never the path, so ids never become
/// label values.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
/// <param name="metrics">The host's instruments.</param>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, HostMetrics metrics)
{
    /// <summary>Handles a request.</summary>
    /// <param name="http">The request.</param>
    /// <returns>A task.</returns>
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var framework = Activity.Current;

        // The framework's own request activity is not exported (no instrumentation package here): this span takes its
        // place as the server span, so it is parented to the caller's context, not to the framework's activity.
        Activity.Current = null;
        using var span = HostMetrics.Source.StartActivity(ActivityKind.Server, IncomingContext(http.Request), name: "HTTP " + http.Request.Method);
        if (span is null)
        {
            Activity.Current = framework;
        }

        try
        {
            await next(http);
        }
        catch (Exception ex) when (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            var route = Route(http);
            var status = http.Response.StatusCode;
            if (span is not null)
            {
                span.DisplayName = http.Request.Method + " " + route;
                span.SetTag("http.request.method", http.Request.Method);
                span.SetTag("http.route", route);
                span.SetTag("url.path", http.Request.Path.Value);
                span.SetTag("http.response.status_code", status);
                if (status >= 500)
                {
                    span.SetStatus(ActivityStatusCode.Error);
                }
            }

            var method = new KeyValuePair<string, object?>("method", http.Request.Method);
            var routeTag = new KeyValuePair<string, object?>("route", route);
            metrics.Requests.Add(1, method, routeTag, new("status", status));
            metrics.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, method, routeTag);
        }
    }

    private static string Route(HttpContext http)
    {
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return template is null ? "(unmatched)" : template.Length > 1 ? template.TrimEnd('/') : template;
    }

    private static ActivityContext IncomingContext(HttpRequest request)
    {
        var parent = request.Headers["traceparent"];
        return parent.Count == 1 && ActivityContext.TryParse(parent[0], request.Headers["tracestate"].FirstOrDefault(), isRemote: true, out var context)
            ? context
            : default;
    }
}
