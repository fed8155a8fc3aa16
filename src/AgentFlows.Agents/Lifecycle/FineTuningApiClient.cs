using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>
/// A small client of the OpenAI-shaped fine-tuning REST API (<c>POST /files</c>, <c>/fine_tuning/jobs</c>), which
/// OpenAI and Azure OpenAI v1 share. The SDK's fine-tuning types are experimental, so this speaks the wire format.
/// </summary>
/// <param name="http">The HTTP client (its lifetime belongs to the caller).</param>
/// <param name="options">The endpoint, key and base model.</param>
public sealed class FineTuningApiClient(HttpClient http, FineTuningOptions options)
{
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly FineTuningOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Uploads a JSONL file with purpose <c>fine-tune</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file id.</returns>
    public async Task<string> UploadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        using var content = new MultipartFormDataContent
        {
            { new StringContent("fine-tune"), "purpose" },
        };
        var file = new StreamContent(stream);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        content.Add(file, "file", Path.GetFileName(path));
        var body = await SendAsync(HttpMethod.Post, "files", content, cancellationToken).ConfigureAwait(false);
        return body["id"]?.GetValue<string>() ?? throw new InvalidOperationException("The file upload answered without an id.");
    }

    /// <summary>Finds a job created with the idempotency key (in its metadata or suffix), among the newest 100.</summary>
    /// <param name="idempotencyKey">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job, or null.</returns>
    public async Task<JobState?> FindJobAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var body = await SendAsync(HttpMethod.Get, "fine_tuning/jobs?limit=100", null, cancellationToken).ConfigureAwait(false);
        foreach (var job in body["data"]?.AsArray() ?? [])
        {
            if (job?["metadata"]?["idempotency_key"]?.GetValue<string>() == idempotencyKey || job?["suffix"]?.GetValue<string>() == idempotencyKey)
            {
                return ToState(job!.AsObject()) with { Reused = true };
            }
        }

        return null;
    }

    /// <summary>Creates a supervised fine-tuning job.</summary>
    /// <param name="trainingFile">The training file id.</param>
    /// <param name="validationFile">The validation file id, or null.</param>
    /// <param name="hyperparameters">The hyperparameters.</param>
    /// <param name="idempotencyKey">Sent as the suffix and in the metadata, so a retry finds the job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    public async Task<JobState> CreateJobAsync(
        string trainingFile, string? validationFile, Hyperparameters hyperparameters, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        var request = new JsonObject
        {
            ["model"] = _options.BaseModel,
            ["training_file"] = trainingFile,
            ["suffix"] = idempotencyKey,
            ["seed"] = 105,
            ["metadata"] = new JsonObject { ["idempotency_key"] = idempotencyKey },
            ["method"] = new JsonObject
            {
                ["type"] = "supervised",
                ["supervised"] = new JsonObject
                {
                    ["hyperparameters"] = new JsonObject
                    {
                        ["n_epochs"] = hyperparameters.Epochs,
                        ["batch_size"] = hyperparameters.BatchSize,
                        ["learning_rate_multiplier"] = hyperparameters.LearningRateMultiplier,
                    },
                },
            },
        };
        if (validationFile is not null)
        {
            request["validation_file"] = validationFile;
        }

        using var content = JsonContent.Create(request);
        return ToState(await SendAsync(HttpMethod.Post, "fine_tuning/jobs", content, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads a job.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its state.</returns>
    public async Task<JobState> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        ToState(await SendAsync(HttpMethod.Get, "fine_tuning/jobs/" + Uri.EscapeDataString(jobId), null, cancellationToken).ConfigureAwait(false));

    /// <summary>Cancels a job.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its state.</returns>
    public async Task<JobState> CancelJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        ToState(await SendAsync(HttpMethod.Post, "fine_tuning/jobs/" + Uri.EscapeDataString(jobId) + "/cancel", null, cancellationToken).ConfigureAwait(false));

    private static JobState ToState(JsonObject job) => new(
        job["id"]?.GetValue<string>() ?? throw new InvalidOperationException("The job has no id."),
        job["status"]?.GetValue<string>() ?? "unknown",
        job["fine_tuned_model"]?.GetValueKind() == JsonValueKind.String ? job["fine_tuned_model"]!.GetValue<string>() : null,
        job["error"] is JsonObject error ? error["message"]?.GetValue<string>() ?? error.ToJsonString() : null);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_options.Endpoint!.TrimEnd('/') + "/" + path));
        request.Content = content;
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            request.Headers.TryAddWithoutValidation("api-key", _options.ApiKey);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {Truncate(text)}", null, response.StatusCode);
        }

        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"{method} {path} answered no JSON object.");
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
