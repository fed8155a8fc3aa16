using AgentFlows.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentFlows.Host.Api;

/// <summary>
/// The RFC 9457 problems of the run and todo APIs. Each has a stable <c>type</c> URI under
/// <see cref="ProblemTypes.Prefix"/> (shared with the management API where the meaning is the same) and a human <c>detail</c>.
/// </summary>
internal static class ApiProblems
{
    /// <summary>404: no run has the id (or the instance with the id is not an agent run).</summary>
    public const string RunNotFound = ProblemTypes.Prefix + "run-not-found";

    /// <summary>409: the run's status does not allow the operation.</summary>
    public const string RunStateConflict = ProblemTypes.Prefix + "run-state-conflict";

    /// <summary>409: the requested run id belongs to an instance that is not an agent run.</summary>
    public const string RunIdConflict = ProblemTypes.Prefix + "run-id-conflict";

    /// <summary>400: one or more fields of the body or query have the wrong type or value; <c>errors</c> names them.</summary>
    public const string InvalidRequest = ProblemTypes.Prefix + "invalid-request";

    /// <summary>422: the caller's plan (or the planner's) is not valid; <c>problems</c> names each step and fault.</summary>
    public const string InvalidPlan = ProblemTypes.Prefix + "invalid-plan";

    /// <summary>422: the planner could not plan the prompt; <c>fragment</c> is the part it did not understand.</summary>
    public const string Unplannable = ProblemTypes.Prefix + "unplannable-prompt";

    /// <summary>404: the tenant has no todo with the id.</summary>
    public const string TodoNotFound = ProblemTypes.Prefix + "todo-not-found";

    public static ProblemHttpResult Create(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);

    public static ProblemHttpResult RunNotFoundFor(string runId) =>
        Create(StatusCodes.Status404NotFound, RunNotFound, "Run not found", $"No run with id '{runId}' exists.");

    public static ProblemHttpResult Conflict(string detail) =>
        Create(StatusCodes.Status409Conflict, RunStateConflict, "The run's status does not allow this", detail);

    public static ProblemHttpResult InvalidJson(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidJson, "Invalid JSON content", detail);

    public static ProblemHttpResult InvalidArgument(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidArgument, "One or more of the arguments submitted is incorrect", detail);

    public static ProblemHttpResult TooLarge(long limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large", $"The request body is over the limit of {limit:N0} bytes.");

    public static ProblemHttpResult TodoNotFoundFor(string id) =>
        Create(StatusCodes.Status404NotFound, TodoNotFound, "Todo not found", $"No todo with id '{id}' exists.");
}
