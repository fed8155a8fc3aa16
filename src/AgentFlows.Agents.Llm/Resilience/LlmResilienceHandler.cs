using System.Net.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AgentFlows.Agents.Llm.Resilience;

/// <summary>
/// Runs every request of the OpenAI SDK through the resilience pipeline, as the SDK's transport (the SDK's own
/// retries are off, so attempts do not multiply). Failures come out as <see cref="LlmUnavailableException"/> with the
/// reason; a non-transient answer (400, 401, 404) goes back to the SDK, which reports the provider's error.
/// </summary>
/// <remarks>
/// A request message cannot be sent twice, so each attempt sends a copy over the buffered body. A non-streaming
/// answer is read inside the attempt, so the attempt timeout covers the whole answer; a streamed one only up to its
/// headers, because retrying in the middle of a stream would repeat output.
/// </remarks>
internal sealed class LlmResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly LlmBreaker _breaker;
    private readonly LlmResilienceOptions _options;

    /// <summary>Initializes a new instance of the <see cref="LlmResilienceHandler"/> class.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="breaker">The breaker's state, for the message of a refused call.</param>
    /// <param name="options">The values, for messages.</param>
    /// <param name="inner">The handler that talks to the network.</param>
    public LlmResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, LlmBreaker breaker, LlmResilienceOptions options, HttpMessageHandler inner)
        : base(inner)
    {
        _pipeline = pipeline;
        _breaker = breaker;
        _options = options;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var attempts = 0;
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    var sent = await base.SendAsync(Copy(request, body), token).ConfigureAwait(false);
                    if (sent.Content.Headers.ContentType?.MediaType != "text/event-stream")
                    {
                        await sent.Content.LoadIntoBufferAsync(token).ConfigureAwait(false);
                    }

                    return sent;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new LlmUnavailableException($"The LLM at {request.RequestUri?.Authority} was not called: {_breaker.DescribeOpen()}.", ex) { BreakerOpen = true };
        }
        catch (TimeoutRejectedException ex)
        {
            var which = ex.Timeout >= _options.TotalTimeout
                ? $"within the total timeout of {_options.TotalTimeout.TotalSeconds:0.###} s"
                : $"within the attempt timeout of {_options.AttemptTimeout.TotalSeconds:0.###} s on any of {attempts} attempt(s)";
            throw new LlmUnavailableException($"The LLM at {request.RequestUri?.Authority} did not answer {which}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new LlmUnavailableException($"The LLM at {request.RequestUri?.Authority} could not be reached after {attempts} attempt(s): {ex.Message}", ex);
        }

        if (TransientFailures.IsTransient(response.StatusCode))
        {
            using (response)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var snippet = detail.Length > 300 ? detail[..300] + "…" : detail;
                throw new LlmUnavailableException($"The LLM at {request.RequestUri?.Authority} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} after {attempts} attempt(s): {snippet}");
            }
        }

        return response;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            copy.Options.Set(new HttpRequestOptionsKey<object?>(option.Key), option.Value);
        }

        return copy;
    }
}
