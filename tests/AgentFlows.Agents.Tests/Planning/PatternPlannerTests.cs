using AgentFlows.Agents.Planning;
using AgentFlows.Agents.Plans;

namespace AgentFlows.Agents.Tests.Planning;

public sealed class PatternPlannerTests
{
    private readonly PatternPlanner _planner = new();

    private static string Deps(Plan plan) => string.Join(" ", plan.Steps.Select(s => $"{s.Id}<[{string.Join(",", s.DependsOn)}]"));

    [Fact]
    public void Plan_ThenAfterParallelGroup_DependsOnEveryStepOfThatGroupOnly()
    {
        var plan = _planner.Plan("calculate 1 and calculate 2 then calculate 3 and calculate 4 then calculate 5");
        Assert.Equal("step_1<[] step_2<[] step_3<[step_1,step_2] step_4<[step_1,step_2] step_5<[step_3,step_4]", Deps(plan));
    }

    [Fact]
    public void Plan_ReferenceToOlderGroup_AddsThatDependency()
    {
        var plan = _planner.Plan("calculate 1 then calculate 2 then calculate {step_1_output} + 1");
        Assert.Equal("step_1<[] step_2<[step_1] step_3<[step_1,step_2]", Deps(plan));
    }

    [Fact]
    public void Plan_ReferenceToSiblingInSameGroup_MakesItWait()
    {
        var plan = _planner.Plan("calculate 2 and calculate {step_1_output} * 2");
        Assert.Equal("step_1<[] step_2<[step_1]", Deps(plan));
    }

    [Fact]
    public void Plan_SameInput_SamePlan()
    {
        const string prompt = "calculate 2+2 and add a todo x then list todos";
        Assert.Equal(_planner.Plan(prompt).ToJson(), new PatternPlanner().Plan(prompt).ToJson());
    }

    [Theory]
    [InlineData("add a todo buy bread and milk", "buy bread and milk")]
    [InlineData("add a todo plan then-and-now party", "plan then-and-now party")]
    [InlineData("add a todo write to Bob, Alice and Carol", "write to Bob, Alice and Carol")]
    [InlineData("add a todo strengthen the fence", "strengthen the fence")]
    [InlineData("add a todo \"check (a; b) then c\" tag x", "check (a; b) then c")]
    [InlineData("add a todo buy mom's gift", "buy mom's gift")]
    [InlineData("add a todo say \\\"hi\\\"", "say \\\"hi\\\"")]
    [InlineData("add a todo \"say \\\"hi\\\"\"", "say \"hi\"")]
    public void Plan_AndOrThenInsideTitle_DoesNotSplit(string prompt, string title)
    {
        var step = Assert.Single(_planner.Plan(prompt).Steps);
        Assert.Equal(title, step.Args["title"]!.GetValue<string>());
    }

    [Fact]
    public void Plan_ParenthesesShieldSeparators()
    {
        var step = Assert.Single(_planner.Plan("calculate round(10 / 3, 2)").Steps);
        Assert.Equal("round(10 / 3, 2)", step.Args["expression"]!.GetValue<string>());
    }

    [Fact]
    public void Plan_UnbalancedParenthesis_DoesNotSwallowTheRestOfThePrompt()
    {
        var plan = _planner.Plan("add a todo fix bug (urgent then list todos");
        Assert.Equal(["todo.add", "todo.list"], plan.Steps.Select(s => s.Tool));
    }

    [Fact]
    public void Plan_LlmRequestWithoutLlm_SaysNoLlmIsConfigured()
    {
        var e = Assert.Throws<PlanningException>(() => _planner.Plan("calculate 1 then summarize {step_1_output}"));
        Assert.Equal("summarize {step_1_output}", e.Fragment);
        Assert.Contains("no LLM is configured", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NonRetriableException>(e);
    }

    [Fact]
    public void Plan_LlmRequestWithLlm_Plans()
    {
        var plan = new PatternPlanner(llmConfigured: true).Plan("summarise \"a long text\"");
        Assert.Equal(("llm.summarize", "a long text"), (plan.Steps[0].Tool, plan.Steps[0].Args["text"]!.GetValue<string>()));
    }

    [Fact]
    public void Plan_UnknownRequest_NamesExactFragmentAndKnownVerbs()
    {
        var e = Assert.Throws<PlanningException>(() => _planner.Plan("calculate 1\nsing a song\ncalculate 2"));
        Assert.Equal("sing a song", e.Fragment);
        Assert.Contains("add a todo", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TooManyRequests_Refused()
    {
        var planner = new PatternPlanner(options: new PlanValidatorOptions { MaxSteps = 3 });
        var e = Assert.Throws<PlanningException>(() => planner.Plan("calculate 1; calculate 2; calculate 3; calculate 4"));
        Assert.Contains("limit of 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OverlongPrompt_Refused()
    {
        var e = Assert.Throws<PlanningException>(() => _planner.Plan("calculate " + new string('1', PatternPlanner.MaxPromptLength)));
        Assert.Contains("over the limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_InlineCsvWithRealNewlinesInQuotes_IsCsvAndDoesNotSplit()
    {
        var step = Assert.Single(_planner.Plan("clean data \"a,b\n1,2\n3,4\"").Steps);
        Assert.Equal("a,b\n1,2\n3,4", step.Args["csv"]!.GetValue<string>());
    }

    [Fact]
    public void Plan_WaitTooLong_Refused()
    {
        var e = Assert.Throws<PlanningException>(() => _planner.Plan("wait 800 hours"));
        Assert.Contains("at most 30 days", e.Message, StringComparison.Ordinal);
    }
}
