using System.Net;
using System.Net.Http.Headers;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>A response read whole: status, content type, headers and the body as JSON (null when empty or not JSON).</summary>
/// <param name="Status">The status code.</param>
/// <param name="ContentType">The media type.</param>
/// <param name="Headers">The response headers.</param>
/// <param name="Text">The body text.</param>
internal sealed record ApiResponse(HttpStatusCode Status, string? ContentType, HttpResponseHeaders Headers, string Text)
{
    /// <summary>Gets the body as JSON.</summary>
    public JsonNode? Json => Text.Length == 0 ? null : JsonNode.Parse(Text);

    /// <summary>Gets the body as a JSON object (throws when it is not one).</summary>
    public JsonObject Object => Json as JsonObject ?? throw new InvalidOperationException($"Expected a JSON object, got {(int)Status}: {Text}");

    /// <summary>Gets the problem type of a problem-details body.</summary>
    public string? ProblemType => ContentType == "application/problem+json" ? Object["type"]?.GetValue<string>() : null;

    /// <summary>Gets the problem detail of a problem-details body.</summary>
    public string Detail => Object["detail"]?.GetValue<string>() ?? string.Empty;

    public override string ToString() => $"{(int)Status} {ContentType}: {Text}";
}

/// <summary>Sends requests and reads responses whole.</summary>
internal static class Api
{
    public static Task<ApiResponse> ApiGetAsync(this HttpClient http, string path) => http.ApiSendAsync(HttpMethod.Get, path, null);

    public static Task<ApiResponse> ApiPostAsync(this HttpClient http, string path, string? json) => http.ApiSendAsync(HttpMethod.Post, path, json);

    public static Task<ApiResponse> ApiPatchAsync(this HttpClient http, string path, string? json) => http.ApiSendAsync(HttpMethod.Patch, path, json);

    public static Task<ApiResponse> ApiDeleteAsync(this HttpClient http, string path) => http.ApiSendAsync(HttpMethod.Delete, path, null);

    public static async Task<ApiResponse> ApiSendAsync(this HttpClient http, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await http.ApiSendAsync(request);
    }

    public static async Task<ApiResponse> ApiSendAsync(this HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers, text);
    }

    /// <summary>Starts a run and returns its id (asserting 202).</summary>
    /// <param name="http">The client.</param>
    /// <param name="body">The body, as a JSON object.</param>
    /// <returns>The run id.</returns>
    public static async Task<string> StartRunAsync(this HttpClient http, JsonObject body)
    {
        var response = await http.ApiPostAsync("/api/runs", body.ToJsonString());
        Assert.True(response.Status == HttpStatusCode.Accepted, response.ToString());
        return response.Object["runId"]!.GetValue<string>();
    }

    /// <summary>Starts a run from a prompt and returns its id.</summary>
    /// <param name="http">The client.</param>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The run id.</returns>
    public static Task<string> StartRunAsync(this HttpClient http, string prompt) => http.StartRunAsync(new JsonObject { ["prompt"] = prompt });

    /// <summary>Reads a run's view (asserting 200).</summary>
    /// <param name="http">The client.</param>
    /// <param name="runId">The run id.</param>
    /// <returns>The view.</returns>
    public static async Task<JsonObject> GetRunAsync(this HttpClient http, string runId)
    {
        var response = await http.ApiGetAsync("/api/runs/" + runId);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Object;
    }

    /// <summary>Finds a step of a run view.</summary>
    /// <param name="view">The view.</param>
    /// <param name="stepId">The step id.</param>
    /// <returns>The step.</returns>
    public static JsonObject Step(this JsonObject view, string stepId) =>
        view["plan"]!["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => s["id"]!.GetValue<string>() == stepId);
}
