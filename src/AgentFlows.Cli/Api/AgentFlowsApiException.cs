using System.Net;
using System.Net.Http.Json;

namespace AgentFlows.Cli.Api;

/// <summary>The server answered with an error status, usually as RFC 9457 problem details.</summary>
internal sealed class AgentFlowsApiException : Exception
{
    private const int _maxBodyLength = 300;

    /// <summary>Initializes a new instance of the <see cref="AgentFlowsApiException"/> class.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="title">The problem's title.</param>
    /// <param name="detail">The problem's detail, if any.</param>
    /// <param name="problemType">The problem's type URI, if any.</param>
    public AgentFlowsApiException(int status, string title, string? detail, string? problemType)
        : base(string.IsNullOrWhiteSpace(detail) ? $"error {status}: {title}" : $"error {status}: {title} — {detail}")
    {
        Status = status;
        Title = title;
        Detail = detail;
        ProblemType = problemType;
    }

    /// <summary>Gets the HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Gets the problem's title.</summary>
    public string Title { get; }

    /// <summary>Gets the problem's detail.</summary>
    public string? Detail { get; }

    /// <summary>Gets the problem's type URI.</summary>
    public string? ProblemType { get; }

    /// <summary>Reads an error response: problem details when the server sent them, else the start of the body.</summary>
    /// <param name="response">The response with an error status.</param>
    /// <param name="cancellationToken">Stops reading the body.</param>
    /// <returns>The exception describing the response.</returns>
    public static async Task<AgentFlowsApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : DefaultTitle(response.StatusCode);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<ProblemDetailsBody>(ApiJson.Options, cancellationToken);
                if (problem is not null)
                {
                    return new AgentFlowsApiException(
                        problem.Status ?? status,
                        string.IsNullOrWhiteSpace(problem.Title) ? reason : problem.Title,
                        problem.Detail,
                        problem.Type);
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not problem details after all: fall through and show the raw body.
            }
        }

        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        if (body.Length > _maxBodyLength)
        {
            body = string.Concat(body.AsSpan(0, _maxBodyLength), "…");
        }

        return new AgentFlowsApiException(status, reason, body.Length == 0 ? null : body, null);
    }

    private static string DefaultTitle(HttpStatusCode code) => code.ToString();
}
