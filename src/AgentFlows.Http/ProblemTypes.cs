namespace AgentFlows.Http;

/// <summary>The stable <c>type</c> URIs of the RFC 9457 problem details the HTTP APIs answer with.</summary>
public static class ProblemTypes
{
    /// <summary>The common prefix of every problem type.</summary>
    public const string Prefix = "https://agentflows.dev/problems/";

    /// <summary>400: an argument (instance id, orchestrator name, continuation token, query value) is not valid.</summary>
    public const string InvalidArgument = Prefix + "invalid-argument";

    /// <summary>400: the request body is not valid JSON.</summary>
    public const string InvalidJson = Prefix + "invalid-json";

    /// <summary>400: the request body's content type is not the one the route accepts.</summary>
    public const string UnsupportedContentType = Prefix + "unsupported-content-type";

    /// <summary>400: a required query parameter is missing.</summary>
    public const string MissingParameter = Prefix + "missing-parameter";

    /// <summary>413: the request body (or a payload it carries) is over the size limit.</summary>
    public const string PayloadTooLarge = Prefix + "payload-too-large";

    /// <summary>404: no instance has the id.</summary>
    public const string InstanceNotFound = Prefix + "instance-not-found";

    /// <summary>404: a bulk purge matched no instance.</summary>
    public const string NoInstancesPurged = Prefix + "no-instances-purged";

    /// <summary>410: the instance is terminal, so the operation can no longer apply.</summary>
    public const string InstanceGone = Prefix + "instance-gone";

    /// <summary>409: an instance with the id exists and is not terminal.</summary>
    public const string InstanceAlreadyExists = Prefix + "instance-already-exists";

    /// <summary>412: the instance is not in the status the operation needs (purge: terminal; rewind: Failed).</summary>
    public const string InstanceStatusPrecondition = Prefix + "instance-status-precondition";

    /// <summary>409: the operation is refused in the instance's current (non-terminal) status.</summary>
    public const string InstanceStateConflict = Prefix + "instance-state-conflict";

    /// <summary>501: the runtime does not implement the operation.</summary>
    public const string NotImplemented = Prefix + "not-implemented";

    /// <summary>404: no route of the API has this path and method.</summary>
    public const string RouteNotFound = Prefix + "route-not-found";

    /// <summary>500: an unexpected error; details are in the service log, never in the response.</summary>
    public const string InternalError = Prefix + "internal-error";
}
