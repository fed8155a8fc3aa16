using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.DataLifecycle;

/// <content>Asking the LLM for extra operations, and checking its answer.</content>
public sealed partial class CleaningPlanner
{
    private const string System = """
        You help clean a CSV dataset. A built-in cleaner already trims cells, marks missing values, coerces types,
        removes empty and duplicate rows, flags outliers (1.5 x IQR) and imputes missing values. Propose only extra
        operations the profile shows a need for, or none. Answer with JSON only: {"operations":[...]}, each one of
        {"kind":"dropColumn","column":C,"reason":R}, {"kind":"dropRowsMissing","column":C,"reason":R},
        {"kind":"renameColumn","column":C,"to":NEW,"reason":R}, {"kind":"dropDuplicateKeys","keys":[C,...],"reason":R},
        {"kind":"python","code":PANDAS,"reason":R} (PANDAS changes the DataFrame df in place or reassigns df).
        Use only columns of the profile.
        """;

    private static async Task<(List<CleaningOperation> Operations, string? Problem)> AskAsync(
        IChatClient chat, PlanRequest request, string[] header, CancellationToken cancellationToken)
    {
        var user = new JsonObject
        {
            ["round"] = request.Round,
            ["profile"] = request.Profile.DeepClone(),
            ["failedChecks"] = request.FailedChecks is null ? null : new JsonObject(request.FailedChecks.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        }.ToJsonString();
        var options = new Planning.Llm.LlmPlanningContext(request.Tenant, SessionId: null, RunId: request.RunId).ApplyTo(new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        string text;
        try
        {
            text = (await chat.GetResponseAsync([new(ChatRole.System, System), new(ChatRole.User, user)], options, cancellationToken).ConfigureAwait(false)).Text;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The LLM is an extra: when it cannot answer, the rules still clean.
            return ([], "the LLM call failed (" + e.Message + ")");
        }

        return Parse(text, header);
    }

    private static (List<CleaningOperation>, string?) Parse(string text, string[] header)
    {
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(Unfence(text));
        }
        catch (JsonException e)
        {
            return ([], "the answer is not JSON (" + e.Message + ")");
        }

        if (answer?["operations"] is not JsonArray items || items.Any(i => i is not JsonObject))
        {
            return ([], "the answer has no 'operations' array of objects");
        }

        var operations = items.Select(i => Read((JsonObject)i!, "llm")).ToList();
        var problem = operations.Select(o => CleaningOperations.Problem(o, header)).FirstOrDefault(p => p is not null);
        return problem is null ? (operations, null) : ([], problem);
    }

    // Models often wrap JSON in a Markdown fence even when asked not to.
    private static string Unfence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var start = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return start < 0 || end <= start ? trimmed : trimmed[(start + 1)..end];
    }
}
