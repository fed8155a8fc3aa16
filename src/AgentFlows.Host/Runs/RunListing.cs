using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;

namespace AgentFlows.Host.Runs;

/// <summary>
/// Lists runs over <see cref="DurableTaskClient.QueryInstancesAsync"/>: every instance in the creation window is read
/// with its input (the prompt, session and plan live there), the <c>AgentRun</c> ones are filtered, sorted newest
/// first, counted, and one page is cut after the continuation position.
/// </summary>
/// <remarks>
/// Correct first: the cost is one scan of the instances in the window per request (inputs included), which is what
/// <c>totalCount</c> and the prompt/tool/session filters need without a run index of their own. The status and the
/// creation window narrow the store query. A run table maintained beside the history would make this a seek.
/// </remarks>
internal static class RunListing
{
    private const int ScanPageSize = 1000;

    /// <summary>Finds one page.</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">The filters and paging.</param>
    /// <param name="tenant">The caller's tenant: other tenants' runs are not listed, nor counted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    public static async Task<RunPage> ListAsync(DurableTaskClient client, RunListQuery query, string tenant, CancellationToken cancellationToken)
    {
        var matches = new List<RunSummary>();
        var storeQuery = new OrchestrationQuery
        {
            CreatedFrom = query.CreatedFrom,
            CreatedTo = query.CreatedTo,
            Statuses = RuntimeStatuses(query.Statuses),
            PageSize = ScanPageSize,
            FetchInputsAndOutputs = true,
        };
        do
        {
            var page = await client.QueryInstancesAsync(storeQuery, cancellationToken);
            matches.AddRange(page.Items.Where(i => i.Name == RunNames.Orchestrator).Select(i => Match(i, query, tenant)).OfType<RunSummary>());
            storeQuery = storeQuery with { ContinuationToken = page.ContinuationToken };
        }
        while (storeQuery.ContinuationToken is not null);

        var ordered = matches.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
        var rest = query.After is { } after
            ? ordered.Where(r => r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && string.CompareOrdinal(r.RunId, after.RunId) < 0)).ToList()
            : ordered;
        var items = rest.Take(query.Top).ToList();
        var token = rest.Count > items.Count ? RunListQuery.EncodeToken(items[^1].CreatedAt, items[^1].RunId) : null;
        return new RunPage(items, ordered.Count, token);
    }

    private static RunSummary? Match(OrchestrationMetadata instance, RunListQuery query, string tenant)
    {
        var status = RunProjection.StatusOf(instance);
        if (query.Statuses is { } statuses && !statuses.Contains(status))
        {
            return null;
        }

        var request = RunProjection.ReadRequest(instance.SerializedInput);
        if ((request.Tenant ?? Security.SecuritySettings.DefaultTenant) != tenant)
        {
            return null;
        }

        var tools = request.Plan?.Steps.Select(s => s.Tool).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        if ((query.Q is { } q && !request.Prompt.Contains(q, StringComparison.OrdinalIgnoreCase)) ||
            (query.SessionId is { } session && request.SessionId != session) ||
            (query.Tool is { } tool && !tools.Contains(tool, StringComparer.OrdinalIgnoreCase)))
        {
            return null;
        }

        return new RunSummary
        {
            RunId = instance.InstanceId,
            Status = status,
            Prompt = request.Prompt,
            SessionId = request.SessionId,
            Planner = request.Plan is null ? null : request.PlannedBy ?? "caller",
            Tools = tools,
            Result = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? ResultOf(instance.SerializedOutput) : null,
            Error = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed
                ? instance.FailureDetails?.ErrorMessage
                : instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? "Canceled" : null,
            CreatedAt = instance.CreatedAt,
            UpdatedAt = instance.LastUpdatedAt,
        };
    }

    private static OrchestrationRuntimeStatus[]? RuntimeStatuses(IReadOnlySet<string>? statuses) => statuses?.SelectMany(s => s switch
    {
        "Pending" => [OrchestrationRuntimeStatus.Pending],
        "Running" or "WaitingForApproval" => [OrchestrationRuntimeStatus.Running],
        "Completed" => [OrchestrationRuntimeStatus.Completed],
        "Failed" => [OrchestrationRuntimeStatus.Failed],
        "Canceled" => [OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled],
        _ => new[] { OrchestrationRuntimeStatus.Suspended },
    }).Distinct().ToArray();

    private static JsonNode? ResultOf(string? output)
    {
        try
        {
            return output is null ? null : JsonNode.Parse(output)?["result"]?.DeepClone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
