using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>
/// Plans held-out prompts with a model under a temperature grid and scores the answers: the valid-plan rate (parses
/// and passes the plan validator) and the exact-match rate (the same plan as expected, compared as canonical JSON).
/// </summary>
/// <param name="chat">The chat client; the model is chosen per request (<see cref="ChatOptions.ModelId"/>).</param>
/// <param name="tools">The tools plans are validated against.</param>
public sealed class PlanEvaluator(IChatClient chat, ToolRegistry tools)
{
    /// <summary>Scores a model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="examples">Prompt and expected plan JSON pairs.</param>
    /// <param name="temperatures">The temperature grid.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The scores.</returns>
    public async Task<ModelScore> ScoreAsync(
        string model, IReadOnlyList<(string Prompt, string Expected)> examples, IReadOnlyList<double> temperatures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(temperatures);
        var validator = new PlanValidator(tools);
        int samples = 0, valid = 0, exact = 0;
        foreach (var (prompt, expected) in examples)
        {
            var expectedJson = Canonical(expected);
            foreach (var temperature in temperatures)
            {
                samples++;
                var response = await chat.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, DatasetBuilder.SystemPrompt), new ChatMessage(ChatRole.User, prompt)],
                    new ChatOptions { ModelId = model, Temperature = (float)temperature },
                    cancellationToken).ConfigureAwait(false);
                var answer = Canonical(response.Text);
                if (answer is not null && validator.Validate(Plan.FromJson(answer)).Count == 0)
                {
                    valid++;
                    exact += answer == expectedJson ? 1 : 0;
                }
            }
        }

        return samples == 0 ? new ModelScore(model, 0, 0, 0) : new ModelScore(model, (double)valid / samples, (double)exact / samples, samples);
    }

    /// <summary>Reads held-out examples from a chat JSONL file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="max">The most examples.</param>
    /// <returns>The prompt and expected answer of each.</returns>
    public static IReadOnlyList<(string Prompt, string Expected)> ReadExamples(string path, int max)
    {
        var list = new List<(string, string)>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0).Take(max))
        {
            var messages = JsonNode.Parse(line)?["messages"]?.AsArray() ?? [];
            var user = messages.LastOrDefault(m => m?["role"]?.GetValue<string>() == "user")?["content"]?.GetValue<string>();
            var assistant = messages.LastOrDefault(m => m?["role"]?.GetValue<string>() == "assistant")?["content"]?.GetValue<string>();
            if (user is not null && assistant is not null)
            {
                list.Add((user, assistant));
            }
        }

        return list;
    }

    private static string? Canonical(string? json)
    {
        try
        {
            return json is null ? null : Plan.FromJson(json.Trim()).ToJson();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
