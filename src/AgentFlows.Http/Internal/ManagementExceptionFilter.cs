using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFlows.Http.Internal;

/// <summary>
/// Refuses oversized requests before any work, and turns the client's exceptions into problem details so that bad
/// input never surfaces as a 5xx.
/// </summary>
/// <remarks>
/// Mapping: <see cref="OrchestrationNotFoundException"/> → 404; <see cref="PayloadTooLargeException"/> → 413; any other
/// <see cref="ArgumentException"/> → 400 (as Durable Functions); <see cref="OrchestrationAlreadyExistsException"/> → 409
/// (as Durable Functions' current handler); <see cref="OrchestrationStateException"/> → 410 for a terminal instance,
/// else 409; <see cref="NotImplementedException"/>/<see cref="NotSupportedException"/> → 501; anything else → a 500
/// problem without details (logged).
/// </remarks>
internal sealed class ManagementExceptionFilter(IOptions<DurableManagementOptions> options, ILogger<ManagementExceptionFilter> logger) : IEndpointFilter
{
    private readonly DurableManagementOptions _options = options.Value;
    private readonly ILogger _logger = logger;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > _options.MaxRequestBodySize)
        {
            return Problems.PayloadTooLarge($"The request body is over the limit of {_options.MaxRequestBodySize:N0} bytes.");
        }

        try
        {
            return await next(context);
        }
        catch (OrchestrationNotFoundException ex)
        {
            return Problems.InstanceNotFound(ex.InstanceId);
        }
        catch (PayloadTooLargeException ex)
        {
            return Problems.PayloadTooLarge(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Problems.InvalidArgument(ex.Message);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Problems.AlreadyExists(ex.Message);
        }
        catch (OrchestrationStateException ex)
        {
            return ex.Status.IsTerminal() ? Problems.InstanceGone(ex.InstanceId, ex.Status) : Problems.StateConflict(ex.Message);
        }
        catch (Exception ex) when (ex is NotImplementedException or NotSupportedException)
        {
            return Problems.Create(StatusCodes.Status501NotImplemented, ProblemTypes.NotImplemented, "Not implemented", ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.PayloadTooLarge(ex.Message)
                : Problems.InvalidArgument(ex.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Management API request {Method} {Path} failed.", http.Request.Method, http.Request.Path);
            return Problems.Create(
                StatusCodes.Status500InternalServerError, ProblemTypes.InternalError, "Something went wrong while processing your request", "An unexpected error occurred; see the service log.");
        }
    }
}
