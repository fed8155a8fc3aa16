using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Runs;
using AgentFlows.Host.Api;

namespace AgentFlows.Host.Runs;

/// <summary>
/// Reads the body of <c>POST /api/runs</c> into a <see cref="RunRequest"/>, naming every field with a wrong type or
/// value. Whether a given plan makes sense is the plan validator's question (422), not this one's (400).
/// </summary>
internal static class StartRunBody
{
    /// <summary>The longest prompt accepted, in characters.</summary>
    public const int MaxPromptLength = 20_000;

    /// <summary>Reads the body.</summary>
    /// <param name="body">The parsed body, or null when it was empty.</param>
    /// <param name="errors">Collects the faults.</param>
    /// <returns>The request, or null when <paramref name="errors"/> has faults.</returns>
    public static RunRequest? Parse(JsonElement? body, FieldErrors errors)
    {
        if (body is not { ValueKind: JsonValueKind.Object } obj)
        {
            errors.Add("body", body is null ? "is required: a JSON object with a 'prompt'" : $"must be a JSON object, not {FieldErrors.Kind(body.Value)}");
            return null;
        }

        var prompt = errors.String(obj, "prompt", "prompt", MaxPromptLength);
        var runId = errors.String(obj, "runId", "runId", InstanceIds.MaxLength);
        if (runId is not null && InstanceIds.FindProblem(runId) is { } invalid)
        {
            errors.Add("runId", "is not a valid run id: " + invalid.TrimEnd('.'));
        }

        var plan = ParsePlan(obj, errors);
        var request = new RunRequest
        {
            Prompt = prompt ?? string.Empty,
            SessionId = errors.String(obj, "sessionId", "sessionId", 256),
            RunId = runId,
            Planner = errors.OneOf(obj, "planner", "planner", "auto", "llm", "pattern"),
            Plan = plan,
            OnStepFailure = errors.OneOf(obj, "onStepFailure", "onStepFailure", "fail", "ask"),
            MaxParallelism = errors.Int(obj, "maxParallelism", "maxParallelism", 1, 64),
            MaxAttempts = errors.Int(obj, "maxAttempts", "maxAttempts", 1, 20),
            ApprovalTimeoutSeconds = errors.Int(obj, "approvalTimeoutSeconds", "approvalTimeoutSeconds", 1, 30 * 86_400),
        };
        if (string.IsNullOrWhiteSpace(prompt) && !FieldErrors.TryGet(obj, "plan", out _) && !errors.Has("prompt"))
        {
            errors.Add("prompt", "is required (a non-empty string), unless a plan is given");
        }

        return errors.Any ? null : request;
    }

    private static Plan? ParsePlan(JsonElement obj, FieldErrors errors)
    {
        if (!FieldErrors.TryGet(obj, "plan", out var plan))
        {
            return null;
        }

        if (plan.ValueKind != JsonValueKind.Object || !FieldErrors.TryGet(plan, "steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            errors.Add(plan.ValueKind == JsonValueKind.Object ? "plan.steps" : "plan", "must be an array of steps { id, tool, args, dependsOn? }");
            return null;
        }

        var list = new List<PlanStep>();
        var i = 0;
        foreach (var step in steps.EnumerateArray())
        {
            var path = $"plan.steps[{i++}]";
            if (step.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, $"must be an object {{ id, tool, args, dependsOn? }}, not {FieldErrors.Kind(step)}");
                continue;
            }

            var args = new JsonObject();
            if (FieldErrors.TryGet(step, "args", out var a))
            {
                if (a.ValueKind == JsonValueKind.Object)
                {
                    args = (JsonObject)JsonNode.Parse(a.GetRawText())!;
                }
                else
                {
                    errors.Add(path + ".args", $"must be an object, not {FieldErrors.Kind(a)}");
                }
            }

            list.Add(new PlanStep
            {
                Id = errors.String(step, "id", path + ".id", 256) ?? string.Empty,
                Tool = errors.String(step, "tool", path + ".tool", 256) ?? string.Empty,
                Args = args,
                DependsOn = errors.Strings(step, "dependsOn", path + ".dependsOn", 100, 256) ?? [],
            });
        }

        return new Plan { Steps = list };
    }
}
