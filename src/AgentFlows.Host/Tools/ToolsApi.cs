using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Usage;
using AgentFlows.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentFlows.Host.Tools;

/// <summary><c>GET /api/tools</c>: the tool registry with each tool's schemas, flags and usage in this process (CONTRACT §3).</summary>
internal static class ToolsApi
{
    /// <summary>Maps the route.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapToolsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tools").WithTags("Tools");
        group.MapGet(string.Empty, List)
            .RequireAuthorization(AccessPolicies.Reader)
            .WithSummary("Lists the tools plan steps may call: version, description, argument and output schemas, flags, and calls, errors and median latency since this process started.");
        return group;
    }

    /// <summary>200 with every registered tool, in registration order.</summary>
    /// <param name="tools">The host's registry.</param>
    /// <param name="usage">The tool usage of this process.</param>
    /// <returns>The list.</returns>
    public static Ok<ToolList> List(ToolRegistry tools, ToolUsage usage) =>
        TypedResults.Ok(new ToolList([.. tools.All.Select(t => ToolListItem.From(t, usage.Of(t.Name)))]));
}
