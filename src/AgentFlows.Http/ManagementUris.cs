using AgentFlows.Http.Internal;
using AgentFlows.Http.Payloads;
using Microsoft.AspNetCore.Http;

namespace AgentFlows.Http;

/// <summary>
/// Builds the management URIs of instances the way Durable Functions' webhook handler does:
/// <c>{base}/instances/{id}?taskHub={hub}&amp;connection={connection}[&amp;code={key}]</c>, with literal <c>{eventName}</c>
/// and <c>reason={text}</c> placeholders in the templates.
/// </summary>
public sealed class ManagementUris
{
    private readonly string _instancesPrefix;
    private readonly string _query;

    /// <summary>Initializes a new instance of the <see cref="ManagementUris"/> class.</summary>
    /// <param name="baseUrl">The absolute URL of the management API, e.g. <c>http://127.0.0.1:7071/runtime/webhooks/durabletask</c>.</param>
    /// <param name="hubName">The task hub name.</param>
    /// <param name="connectionName">The connection name.</param>
    /// <param name="code">A key appended as <c>code=</c>, or null.</param>
    public ManagementUris(string baseUrl, string hubName, string connectionName, string? code = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        ArgumentNullException.ThrowIfNull(hubName);
        ArgumentNullException.ThrowIfNull(connectionName);
        BaseUrl = baseUrl.TrimEnd('/');
        _instancesPrefix = BaseUrl + "/instances/";
        _query = $"taskHub={Uri.EscapeDataString(hubName)}&connection={Uri.EscapeDataString(connectionName)}";
        if (!string.IsNullOrEmpty(code))
        {
            _query += "&code=" + Uri.EscapeDataString(code);
        }
    }

    /// <summary>Gets the absolute URL of the management API, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Builds the URIs for a request: its scheme, host and path base, then <paramref name="basePath"/>.</summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="options">The API options (hub, connection, whether the caller's key is appended).</param>
    /// <param name="basePath">The management API's base path.</param>
    /// <returns>The builder.</returns>
    public static ManagementUris FromRequest(HttpRequest request, DurableManagementOptions options, string basePath = DurableManagementApi.DefaultBasePath)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(basePath);
        var baseUrl = $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/{basePath.Trim('/')}";
        return new ManagementUris(baseUrl, options.HubName, options.ConnectionName, options.AppendCallerKeyAsCode ? CallerKey(request) : null);
    }

    /// <summary>Gets the status URI of an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="returnInternalServerErrorOnFailure">Append <c>returnInternalServerErrorOnFailure=true</c>.</param>
    /// <returns>The URI.</returns>
    public string StatusQueryGetUri(string instanceId, bool returnInternalServerErrorOnFailure = false) =>
        Instance(instanceId) + "?" + _query + (returnInternalServerErrorOnFailure ? "&returnInternalServerErrorOnFailure=true" : string.Empty);

    /// <summary>Builds all nine management URIs of an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="returnInternalServerErrorOnFailure">Append <c>returnInternalServerErrorOnFailure=true</c> to the status URI.</param>
    /// <returns>The payload.</returns>
    public HttpManagementPayload Create(string instanceId, bool returnInternalServerErrorOnFailure = false)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var instance = Instance(instanceId);
        return new HttpManagementPayload
        {
            Id = instanceId,
            StatusQueryGetUri = StatusQueryGetUri(instanceId, returnInternalServerErrorOnFailure),
            SendEventPostUri = $"{instance}/raiseEvent/{{eventName}}?{_query}",
            TerminatePostUri = $"{instance}/terminate?reason={{text}}&{_query}",
            RewindPostUri = $"{instance}/rewind?reason={{text}}&{_query}",
            PurgeHistoryDeleteUri = $"{instance}?{_query}",
            RestartPostUri = $"{instance}/restart?{_query}",
            SuspendPostUri = $"{instance}/suspend?reason={{text}}&{_query}",
            ResumePostUri = $"{instance}/resume?reason={{text}}&{_query}",
        };
    }

    private string Instance(string instanceId) => _instancesPrefix + Uri.EscapeDataString(instanceId);

    private static string? CallerKey(HttpRequest request)
    {
        var code = QueryValues.String(request, "code");
        if (!string.IsNullOrEmpty(code))
        {
            return code;
        }

        var keys = request.Headers["x-api-key"];
        return keys.Count > 0 && !string.IsNullOrEmpty(keys[0]) ? keys[0] : null;
    }
}
