using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace AgentFlows.MultiHost.Tests.Infrastructure;

/// <summary>The run API as the tests use it: start, read, cancel, list, and bounded polling for a state.</summary>
internal static class RunApi
{
    /// <summary>Starts a run from a prompt and returns its id (asserting 202).</summary>
    /// <param name="http">A client of any host.</param>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The run id.</returns>
    public static async Task<string> StartRunAsync(this HttpClient http, string prompt)
    {
        using var content = new StringContent(new JsonObject { ["prompt"] = prompt }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/runs", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["runId"]!.GetValue<string>();
    }

    /// <summary>Reads a run's view (asserting 200).</summary>
    /// <param name="http">A client of any host.</param>
    /// <param name="runId">The run id.</param>
    /// <returns>The view.</returns>
    public static async Task<JsonObject> GetRunAsync(this HttpClient http, string runId)
    {
        using var response = await http.GetAsync(new Uri("/api/runs/" + runId, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {runId} on {http.BaseAddress}: {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Cancels a run (asserting 202).</summary>
    /// <param name="http">A client of any host.</param>
    /// <param name="runId">The run id.</param>
    /// <returns>A task.</returns>
    public static async Task CancelRunAsync(this HttpClient http, string runId)
    {
        using var response = await http.PostAsync(new Uri($"/api/runs/{runId}/cancel", UriKind.Relative), content: null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Lists every run (all pages of <c>GET /api/runs</c>).</summary>
    /// <param name="http">A client of any host.</param>
    /// <returns>The summaries and the reported total count.</returns>
    public static async Task<(List<JsonObject> Items, int TotalCount)> ListRunsAsync(this HttpClient http)
    {
        var items = new List<JsonObject>();
        string? token = null;
        int total;
        do
        {
            var path = "/api/runs?top=500" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
            var page = JsonNode.Parse(text)!.AsObject();
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            total = page["totalCount"]!.GetValue<int>();
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);
        return (items, total);
    }

    /// <summary>
    /// Re-reads the run's view until it satisfies <paramref name="done"/>, for at most <paramref name="timeout"/>. A host
    /// that cannot answer for a moment (its database restarting) counts as "not yet".
    /// </summary>
    /// <param name="http">A client of any host.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="done">The condition.</param>
    /// <param name="timeout">The bound.</param>
    /// <returns>The view.</returns>
    public static async Task<JsonObject> UntilAsync(this HttpClient http, string runId, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string last = "(nothing read)";
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/api/runs/" + runId, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                last = $"{(int)response.StatusCode}: {body}";
                if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(body) is JsonObject view && done(view))
                {
                    return view;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex)
            {
                last = ex.Message;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Run {runId} on {http.BaseAddress} did not reach the state within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; last read {last}");
            }

            await Task.Delay(TestTimeouts.PollInterval);
        }
    }

    /// <summary>Gets the run status.</summary>
    /// <param name="view">The run view or summary.</param>
    /// <returns>The status.</returns>
    public static string Status(this JsonObject view) => view["status"]!.GetValue<string>();

    /// <summary>Finds a step of a run view.</summary>
    /// <param name="view">The view.</param>
    /// <param name="stepId">The step id.</param>
    /// <returns>The step.</returns>
    public static JsonObject Step(this JsonObject view, string stepId) =>
        view["plan"]!["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => s["id"]!.GetValue<string>() == stepId);

    /// <summary>Gets whether a step of the view has the status.</summary>
    /// <param name="view">The view.</param>
    /// <param name="stepId">The step id.</param>
    /// <param name="status">The status.</param>
    /// <returns>True when it has.</returns>
    public static bool StepIs(this JsonObject view, string stepId, string status) =>
        view["plan"]?["steps"]?.AsArray().Any(s => s?["id"]?.GetValue<string>() == stepId && s["status"]?.GetValue<string>() == status) == true;

    /// <summary>Gets the run's numeric result.</summary>
    /// <param name="view">The view.</param>
    /// <returns>The result.</returns>
    public static double Result(this JsonObject view) => view["result"]!.GetValue<double>();
}
