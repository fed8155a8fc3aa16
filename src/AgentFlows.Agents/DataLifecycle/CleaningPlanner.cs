using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.DataLifecycle;

/// <summary>
/// Derives a round's plan from the profile: the rules always (<c>clean</c>; <c>dropDuplicateKeys</c> when the key
/// columns repeat; the caller's <c>operations</c> in round 1), and with a chat client also the LLM's extra
/// operations. The LLM's answer is used only when it is valid JSON naming valid operations on existing columns;
/// otherwise the plan is the rules alone and the note says why.
/// </summary>
/// <param name="chat">The chat client, or null when no LLM is configured.</param>
public sealed partial class CleaningPlanner(IChatClient? chat)
{
    /// <summary>Plans a round.</summary>
    /// <param name="request">The round, profile and settings.</param>
    /// <param name="cancellationToken">Cancels the LLM call.</param>
    /// <returns>The plan.</returns>
    public async Task<CleaningPlan> PlanAsync(PlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = Rules(request);
        if (chat is null)
        {
            return new CleaningPlan(rules, "rules", null);
        }

        var header = (request.Profile["columns"] as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>() ?? "").ToArray();
        var (extra, problem) = await AskAsync(chat, request, header, cancellationToken).ConfigureAwait(false);
        return problem is not null
            ? new CleaningPlan(rules, "rules", "the LLM's operations were not used: " + problem)
            : new CleaningPlan([.. rules, .. extra], "rules+llm", extra.Count == 0 ? "the LLM proposed no extra operation" : null);
    }

    private static List<CleaningOperation> Rules(PlanRequest request)
    {
        var checks = QualityChecks.From(request.Args);
        var plan = new List<CleaningOperation> { new("clean", Reason: "trim, mark missing, coerce types, unify letter case, remove empty and duplicate rows, flag outliers, impute") };
        var duplicateKeys = request.Profile["duplicateKeys"]?.GetValue<int>() ?? 0;
        if (checks.KeyColumns.Count > 0 && duplicateKeys > 0)
        {
            plan.Add(new CleaningOperation("dropDuplicateKeys", Keys: checks.KeyColumns, Reason: $"{duplicateKeys} row(s) repeat the key {string.Join("+", checks.KeyColumns)}"));
        }

        if (request.Round == 1 && request.Args["operations"] is JsonArray asked)
        {
            plan.AddRange(asked.OfType<JsonObject>().Select(o => Read(o, "args")));
        }

        return plan;
    }

    /// <summary>Reads an operation from its JSON form.</summary>
    /// <param name="node">The operation: kind, column, to, keys, code, reason.</param>
    /// <param name="source">Who asked for it.</param>
    /// <returns>The operation.</returns>
    internal static CleaningOperation Read(JsonObject node, string source) => new(
        Text(node, "kind") ?? "",
        Text(node, "column"),
        Text(node, "to"),
        (node["keys"] as JsonArray)?.Select(k => k is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToArray(),
        Text(node, "code"),
        source,
        Text(node, "reason"));

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
