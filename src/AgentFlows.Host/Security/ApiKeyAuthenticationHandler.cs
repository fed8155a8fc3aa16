using System.Text.Encodings.Web;
using AgentFlows.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AgentFlows.Host.Security;

/// <summary>
/// Authenticates callers by API key: the <c>x-api-key</c> header, or on the management API also the <c>code</c> query
/// value (as Durable Functions takes its system key). With no key configured, loopback callers are the tenant
/// <c>default</c> with role admin and everyone else is refused. Challenges and refusals are problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "x-api-key";

    private const string OutcomeItem = "agentflows.auth.outcome";

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (!keys.HasKeys)
        {
            if (!LoopbackRequests.IsLoopback(Context))
            {
                Context.Items[OutcomeItem] = AccessProblems.LoopbackOnly;
                return Task.FromResult(AuthenticateResult.Fail("No API keys are configured and the caller is not on this machine."));
            }

            return Success(CallerClaims.Create("loopback", SecuritySettings.DefaultTenant, CallerRole.Admin, SchemeName));
        }

        if (presented is null)
        {
            Context.Items[OutcomeItem] = "missing";
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } entry)
        {
            Context.Items[OutcomeItem] = "invalid";
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        return Success(CallerClaims.Create(entry.Id, entry.Tenant, entry.Role, SchemeName));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = Context.Items[OutcomeItem] as string;
        Logger.AccessRefused(Request.Method, Request.Path, outcome == AccessProblems.LoopbackOnly ? 403 : 401, outcome ?? "missing");
        if (outcome == AccessProblems.LoopbackOnly)
        {
            return AccessProblems.WriteAsync(
                Context, StatusCodes.Status403Forbidden, AccessProblems.LoopbackOnly, "Only local callers are served",
                "This service has no API keys configured, so it serves only callers on its own machine. Configure AgentFlows__Auth__Keys__N__Key/Tenant/Role to serve others.");
        }

        Response.Headers.WWWAuthenticate = "ApiKey header=\"x-api-key\"";
        var detail = outcome == "invalid"
            ? "The API key is not valid."
            : "An API key is required: send it in the x-api-key header" + (IsManagementApi() ? " or the code query parameter." : ".");
        return AccessProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, AccessProblems.Unauthorized, "Unauthorized", detail);
    }

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Logger.AccessRefused(Request.Method, Request.Path, 403, "role of " + (Context.User.KeyIdOf() ?? "?"));
        return AccessProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, AccessProblems.Forbidden, "Forbidden", "The API key's role does not allow this request.");
    }

    private Task<AuthenticateResult> Success(System.Security.Claims.ClaimsPrincipal principal) =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));

    private string? PresentedKey()
    {
        var header = Request.Headers[HeaderName];
        if (header.Count > 0 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        var code = Request.Query["code"];
        return IsManagementApi() && code.Count > 0 && !string.IsNullOrEmpty(code[0]) ? code[0] : null;
    }

    private bool IsManagementApi() => Request.Path.StartsWithSegments(DurableManagementApi.DefaultBasePath, StringComparison.OrdinalIgnoreCase);
}
