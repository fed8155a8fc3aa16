using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using AgentFlows.History;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>
/// Builds the chat-format JSONL of completed runs (system, user = prompt, assistant = the plan JSON), split into train
/// and validation by a hash of the prompt (deterministic: the same prompt always lands on the same side), scrubbed.
/// </summary>
/// <param name="client">Reads the runs.</param>
/// <param name="options">Limits, split and patterns.</param>
public sealed class DatasetBuilder(DurableTaskClient client, LifecycleOptions options)
{
    /// <summary>The system message of every example (the planner's role).</summary>
    public const string SystemPrompt = "You turn a task into an AgentFlows plan. Answer with the plan JSON only.";

    /// <summary>Builds the dataset files and their statistics.</summary>
    /// <param name="request">The instance and the cut-off.</param>
    /// <param name="folder">The folder the files go to.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The dataset.</returns>
    public async Task<DatasetResult> BuildAsync(DatasetRequest request, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scrubber = new SecretScrubber(options.ScrubPatterns);
        var examples = new SortedDictionary<string, (string Prompt, string Plan, string Planner, IReadOnlyList<string> Tools)>(StringComparer.Ordinal);
        await foreach (var run in CompletedRuns.QueryAsync(client, null, request.AsOf, true, cancellationToken).ConfigureAwait(false))
        {
            if (examples.Count >= options.MaxExamples)
            {
                break;
            }

            var input = run.ReadInputAs<RunRequest>();
            if (input is null || string.IsNullOrWhiteSpace(input.Prompt))
            {
                continue;
            }

            var (plan, planner) = input.Plan is { } given ? (given, input.PlannedBy ?? "caller") : await PlannedAsync(run.InstanceId, cancellationToken).ConfigureAwait(false);
            if (plan is not null)
            {
                examples[run.InstanceId] = (input.Prompt, plan.ToJson(), planner, plan.Steps.Select(s => s.Tool).Distinct().ToList());
            }
        }

        Directory.CreateDirectory(folder);
        var trainPath = Path.Combine(folder, "train.jsonl");
        var validationPath = Path.Combine(folder, "validation.jsonl");
        int train = 0, validation = 0, redactions = 0;
        long chars = 0;
        var taskMix = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var plannerMix = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await using (var trainWriter = new StreamWriter(trainPath, false, new UTF8Encoding(false)))
        await using (var validationWriter = new StreamWriter(validationPath, false, new UTF8Encoding(false)))
        {
            foreach (var (prompt, plan, planner, tools) in examples.Values)
            {
                var user = scrubber.Scrub(prompt, out var r1);
                var assistant = scrubber.Scrub(plan, out var r2);
                redactions += r1 + r2;
                var line = ToLine(user, assistant);
                chars += SystemPrompt.Length + user.Length + assistant.Length;
                if (IsValidation(prompt))
                {
                    validation++;
                    await validationWriter.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    train++;
                    await trainWriter.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                plannerMix[planner] = plannerMix.GetValueOrDefault(planner) + 1;
                foreach (var tool in tools)
                {
                    taskMix[tool] = taskMix.GetValueOrDefault(tool) + 1;
                }
            }
        }

        return new DatasetResult(trainPath, validationPath, train + validation, train, validation, chars / 4, redactions, taskMix, plannerMix);
    }

    /// <summary>Tells which side of the split a prompt lands on.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>True for validation.</returns>
    public bool IsValidation(string prompt) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(prompt ?? string.Empty))[0] * 100 / 256 < options.ValidationPercent;

    /// <summary>Formats one chat example.</summary>
    /// <param name="user">The prompt.</param>
    /// <param name="assistant">The plan JSON.</param>
    /// <returns>One JSONL line.</returns>
    public static string ToLine(string user, string assistant) => new JsonObject
    {
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = SystemPrompt },
            new JsonObject { ["role"] = "user", ["content"] = user },
            new JsonObject { ["role"] = "assistant", ["content"] = assistant }),
    }.ToJsonString();

    private async Task<(Plan? Plan, string Planner)> PlannedAsync(string instanceId, CancellationToken cancellationToken)
    {
        var history = await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var planIds = history.Where(e => e.EventType == EventType.TaskScheduled && e.Name == RunNames.PlanActivity).Select(e => e.EventId).ToHashSet();
        var done = history.FirstOrDefault(e => e.EventType == EventType.TaskCompleted && e.TaskScheduledId is { } id && planIds.Contains(id));
        if (done?.Result is null)
        {
            return (null, string.Empty);
        }

        try
        {
            var outcome = JsonSerializer.Deserialize<PlanOutcome>(done.Result, JsonSerializerOptions.Web);
            return (outcome?.Plan, outcome?.Planner ?? "unknown");
        }
        catch (JsonException)
        {
            return (null, string.Empty);
        }
    }
}
