using AgentFlows.Client;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>Everything a request could have written: every instance with its status, update time, input and history length, and the todos.</summary>
internal static class StoreSnapshot
{
    public static async Task<string> TakeAsync(AgentFlowsFactory factory, HttpClient http)
    {
        var lines = new List<string>();
        var query = new OrchestrationQuery { PageSize = 1000, FetchInputsAndOutputs = true };
        do
        {
            var page = await factory.Durable.QueryInstancesAsync(query);
            foreach (var i in page.Items)
            {
                var history = await factory.Durable.GetOrchestrationHistoryAsync(i.InstanceId);
                lines.Add($"{i.InstanceId} {i.Name} {i.RuntimeStatus} {i.LastUpdatedAt:O} {i.SerializedCustomStatus} {history.Count} {i.SerializedInput?.Length}");
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        var todos = await http.ApiGetAsync("/api/todos?top=500");
        lines.Sort(StringComparer.Ordinal);
        lines.Add(todos.Text);
        return string.Join('\n', lines);
    }
}
