using AgentFlows.Http;
using Microsoft.Extensions.Options;

namespace AgentFlows.Host.Api;

/// <summary>
/// Refuses oversized bodies before any work and turns the client's exceptions into problem details, so that bad input
/// or a race with another caller (a run purged or finished meanwhile) never surfaces as a 5xx.
/// </summary>
internal sealed class ApiExceptionFilter(IOptions<ApiOptions> options, ILogger<ApiExceptionFilter> logger) : IEndpointFilter
{
    private readonly ApiOptions _options = options.Value;
    private readonly ILogger _logger = logger;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > _options.MaxRequestBodyBytes)
        {
            return ApiProblems.TooLarge(_options.MaxRequestBodyBytes);
        }

        try
        {
            return await next(context);
        }
        catch (OrchestrationNotFoundException ex)
        {
            return ApiProblems.RunNotFoundFor(ex.InstanceId);
        }
        catch (OrchestrationStateException ex)
        {
            return ApiProblems.Conflict($"Run '{ex.InstanceId}' is {Runs.RunLookup.StatusName(ex.Status)}, so the request to {ex.Operation} it was refused.");
        }
        catch (PayloadTooLargeException ex)
        {
            return ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large", ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiProblems.TooLarge(_options.MaxRequestBodyBytes)
                : ApiProblems.InvalidArgument("The request could not be read: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.InvalidArgument(ex.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Request {Method} {Path} failed.", http.Request.Method, http.Request.Path);
            return ApiProblems.Create(
                StatusCodes.Status500InternalServerError, ProblemTypes.InternalError, "Something went wrong while processing your request", "An unexpected error occurred; see the service log.");
        }
    }
}
