using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.DataLifecycle;

/// <content>
/// Applying a plan: runs of built-in operations go to one apply activity each; a <c>python</c> operation goes to the
/// <c>code.python</c> tool, which reads the dataset so far and prints the changed one, and the next apply starts from
/// what it printed. A python operation that fails is recorded and skipped: the checks decide what happens next.
/// </content>
public sealed partial class DataCleaningLifecycleOrchestrator
{
    private static async Task<(JsonArray Actions, Dictionary<string, int> Flagged, int RowsOut)> ApplyAsync(
        TaskOrchestrationContext context, DataLifecycleRequest request, int round, CleaningPlan plan, string input, string output, TaskOptions retry)
    {
        var actions = new JsonArray();
        var flagged = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<CleaningOperation>();
        string? printed = null;
        foreach (var op in plan.Operations)
        {
            if (op.Kind != "python")
            {
                pending.Add(op);
                continue;
            }

            await ApplyBuiltInAsync(pending, input, printed, output);
            input = output;
            var (csv, action) = await PythonAsync(context, request, op, input, retry);
            printed = csv;
            actions.Add(action);
        }

        var result = await ApplyBuiltInAsync(pending, input, printed, output);
        return (actions, flagged, result.RowsOut);

        async Task<ApplyResult> ApplyBuiltInAsync(List<CleaningOperation> ops, string from, string? csv, string to)
        {
            context.SetCustomStatus(new DataLifecycleStatus(round, "apply"));
            var applied = await context.CallActivityAsync<ApplyResult>(DataLifecycleNames.Apply, new ApplyRequest(from, csv, [.. ops], to), retry);
            foreach (var a in applied.Actions)
            {
                actions.Add(a?.DeepClone());
            }

            foreach (var (column, count) in applied.Flagged)
            {
                flagged[column] = flagged.GetValueOrDefault(column) + count;
            }

            ops.Clear();
            return applied;
        }
    }

    private static async Task<(string? Csv, JsonObject Action)> PythonAsync(
        TaskOrchestrationContext context, DataLifecycleRequest request, CleaningOperation op, string input, TaskOptions retry)
    {
        var action = new JsonObject { ["kind"] = "python", ["source"] = op.Source, ["reason"] = op.Reason, ["code"] = op.Code };
        var args = new JsonObject { ["code"] = PandasScript(op.Code!, input), ["files"] = new JsonArray(input) };
        try
        {
            var result = await context.CallActivityAsync<JsonNode?>(ToolNames.CodePython, new ToolInvocation { Args = args, Tenant = request.Tenant, RunId = request.RunId, StepId = request.StepId }, retry);
            var exit = result?["exitCode"] is JsonValue code && code.TryGetValue<int>(out var c) ? c : -1;
            var stdout = result?["stdout"] is JsonValue o && o.TryGetValue<string>(out var s) ? s : null;
            if (exit == 0 && !string.IsNullOrWhiteSpace(stdout))
            {
                return (stdout, action);
            }

            action["skipped"] = $"the code exited with {exit}: {(result?["stderr"] is JsonValue e && e.TryGetValue<string>(out var err) ? err : "no output")}";
        }
        catch (TaskFailedException e)
        {
            action["skipped"] = "code.python failed: " + e.FailureDetails.ErrorMessage;
        }

        return (null, action);
    }

    // The dataset goes in as the file the sandbox makes available, and comes back as CSV on standard output.
    private static string PandasScript(string code, string input) => $"""
        import os, sys
        import pandas as pd
        _path = os.path.join(os.environ.get("AGENTFLOWS_DATA", "."), {JsonSerializer.Serialize(input)})
        df = pd.read_csv(_path if os.path.exists(_path) else os.path.basename(_path), dtype=str, keep_default_na=False)
        {code}
        df.to_csv(sys.stdout, index=False)
        """;
}
