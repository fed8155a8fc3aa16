using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentFlows.Http.Internal;

/// <summary>Builds the RFC 9457 problem results of the management API.</summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type);

    public static ProblemHttpResult InvalidArgument(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidArgument, "One or more of the arguments submitted is incorrect", detail);

    public static ProblemHttpResult InvalidJson(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidJson, "Invalid JSON content", detail);

    public static ProblemHttpResult PayloadTooLarge(string detail) =>
        Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large", detail);

    public static ProblemHttpResult InstanceNotFound(string instanceId) =>
        Create(StatusCodes.Status404NotFound, ProblemTypes.InstanceNotFound, "Instance not found", $"No orchestration instance with id '{instanceId}' exists.");

    public static ProblemHttpResult InstanceGone(string instanceId, OrchestrationRuntimeStatus status) =>
        Create(StatusCodes.Status410Gone, ProblemTypes.InstanceGone, "Instance is terminal", $"Orchestration instance '{instanceId}' is {status}; the operation no longer applies.");

    public static ProblemHttpResult AlreadyExists(string detail) =>
        Create(StatusCodes.Status409Conflict, ProblemTypes.InstanceAlreadyExists, "Instance already exists", detail);

    public static ProblemHttpResult StateConflict(string detail) =>
        Create(StatusCodes.Status409Conflict, ProblemTypes.InstanceStateConflict, "Operation not allowed in the instance's status", detail);

    public static ProblemHttpResult StatusPrecondition(string detail) =>
        Create(StatusCodes.Status412PreconditionFailed, ProblemTypes.InstanceStatusPrecondition, "Instance status does not allow the operation", detail);
}
