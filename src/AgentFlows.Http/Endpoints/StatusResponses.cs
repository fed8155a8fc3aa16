using System.Text.Json.Nodes;
using AgentFlows.Client;
using AgentFlows.Http.Internal;
using AgentFlows.Http.Payloads;
using Microsoft.AspNetCore.Http;

namespace AgentFlows.Http.Endpoints;

/// <summary>Builds an instance's status payload from the <c>showHistory</c>, <c>showHistoryOutput</c> and <c>showInput</c> query flags.</summary>
internal static class StatusResponses
{
    public static async Task<InstanceStatusPayload> BuildAsync(
        DurableTaskClient client, OrchestrationMetadata instance, HttpRequest request, CancellationToken cancellationToken)
    {
        var showInput = QueryValues.Bool(request, "showInput", true);
        JsonArray? history = null;

        // As in Durable Functions, a Pending instance has no history to show yet, so the field is left out.
        if (QueryValues.Bool(request, "showHistory", false) && instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
        {
            var events = await client.GetOrchestrationHistoryAsync(instance.InstanceId, cancellationToken);
            history = HistoryShaper.Shape(events, showInput, QueryValues.Bool(request, "showHistoryOutput", false));
        }

        return InstanceStatusPayload.From(instance, showInput, history);
    }
}
