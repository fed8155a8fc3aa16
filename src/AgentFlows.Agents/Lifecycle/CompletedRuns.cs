using System.Runtime.CompilerServices;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>Reads completed <c>AgentRun</c> instances through the client's query API, page by page.</summary>
internal static class CompletedRuns
{
    /// <summary>Enumerates completed runs created in a window.</summary>
    /// <param name="client">The client.</param>
    /// <param name="from">Created at or after (null: any).</param>
    /// <param name="to">Created before or at.</param>
    /// <param name="withInputs">Whether to fetch inputs and outputs.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The runs.</returns>
    public static async IAsyncEnumerable<OrchestrationMetadata> QueryAsync(
        DurableTaskClient client, DateTimeOffset? from, DateTimeOffset to, bool withInputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await client.QueryInstancesAsync(
                new OrchestrationQuery
                {
                    CreatedFrom = from,
                    CreatedTo = to,
                    Statuses = [OrchestrationRuntimeStatus.Completed],
                    FetchInputsAndOutputs = withInputs,
                    PageSize = 200,
                    ContinuationToken = token,
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items.Where(i => string.Equals(i.Name, RunNames.Orchestrator, StringComparison.OrdinalIgnoreCase)))
            {
                yield return item;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
