using System.Text.Json.Nodes;
using AgentFlows.Agents.Planning;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Tests.Planning;

/// <summary>Runs every prompt of Corpus/pattern-planner.json: each must give exactly its expected plan, or fail naming its fragment.</summary>
public sealed class PatternPlannerCorpusTests
{
    private static readonly JsonArray _corpus = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "pattern-planner.json")))!.AsArray();

    public static TheoryData<int, string> Cases()
    {
        var cases = new TheoryData<int, string>();
        for (var i = 0; i < _corpus.Count; i++)
        {
            cases.Add(i, _corpus[i]!["prompt"]!.GetValue<string>());
        }

        return cases;
    }

    [Fact]
    public void Corpus_Size_AtLeastSixtyPromptsWithBothOutcomes()
    {
        Assert.True(_corpus.Count >= 60, $"the corpus has {_corpus.Count} prompts");
        Assert.Contains(_corpus, c => c!["error"] is not null);
        Assert.Contains(_corpus, c => c!["steps"] is not null);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_CorpusPrompt_GivesExpectedPlanOrError(int index, string prompt)
    {
        var expected = _corpus[index]!.AsObject();
        var planner = new PatternPlanner(llmConfigured: expected["llm"]?.GetValue<bool>() ?? false);
        if (expected["error"] is { } error)
        {
            var e = Assert.Throws<PlanningException>(() => planner.Plan(prompt));
            Assert.Contains(error.GetValue<string>(), e.Message, StringComparison.Ordinal);
            return;
        }

        var plan = planner.Plan(prompt);
        var steps = expected["steps"]!.AsArray();
        Assert.Equal(steps.Count, plan.Steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.Equal(steps[i]!["id"]!.GetValue<string>(), plan.Steps[i].Id);
            Assert.Equal(steps[i]!["tool"]!.GetValue<string>(), plan.Steps[i].Tool);
            Assert.True(JsonNode.DeepEquals(steps[i]!["args"], plan.Steps[i].Args), $"step {i + 1} args: {plan.Steps[i].Args.ToJsonString()}");
            Assert.Equal(steps[i]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()), plan.Steps[i].DependsOn);
        }

        Assert.Empty(new PlanValidator(ToolRegistry.Default).Validate(plan));
    }
}
