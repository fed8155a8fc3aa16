using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Tests.Plans;

public sealed class PlanValidatorTests
{
    private readonly PlanValidator _validator = new(ToolRegistry.Default);

    private static string Step(string id, string tool, string args, params string[] dependsOn) =>
        $$"""{"id":"{{id}}","tool":"{{tool}}","args":{{args}},"dependsOn":[{{string.Join(",", dependsOn.Select(d => $"\"{d}\""))}}]}""";

    private IReadOnlyList<PlanProblem> Validate(params string[] steps) => _validator.Validate(Plan.FromJson($$"""{"steps":[{{string.Join(",", steps)}}]}"""));

    [Fact]
    public void Validate_GoodPlan_HasNoProblems()
    {
        var problems = Validate(
            Step("a", "calculator", """{"expression":"2+2"}"""),
            Step("b", "todo.add", """{"title":"result {steps.a.output}","priority":"high","tags":["x"]}"""),
            Step("c", "wait", """{"seconds":"{step_1_output}"}""", "b"));
        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_NoSteps_Reported()
    {
        Assert.Equal(PlanProblemCodes.NoSteps, Assert.Single(_validator.Validate(new Plan())).Code);
        Assert.Equal(PlanProblemCodes.NoSteps, Assert.Single(_validator.Validate(null)).Code);
    }

    [Fact]
    public void Validate_TooManySteps_ReportedAgainstTheConfiguredLimit()
    {
        var validator = new PlanValidator(ToolRegistry.Default, new PlanValidatorOptions { MaxSteps = 2 });
        var plan = Plan.FromJson($$"""{"steps":[{{string.Join(",", Enumerable.Range(1, 3).Select(i => Step($"s{i}", "calculator", """{"expression":"1"}""")))}}]}""");
        var problem = Assert.Single(validator.Validate(plan));
        Assert.Equal(PlanProblemCodes.TooManySteps, problem.Code);
        Assert.Contains("limit of 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultLimit_IsFifty()
    {
        var plan = Plan.FromJson($$"""{"steps":[{{string.Join(",", Enumerable.Range(1, 51).Select(i => Step($"s{i}", "calculator", """{"expression":"1"}""")))}}]}""");
        Assert.Equal(PlanProblemCodes.TooManySteps, Assert.Single(_validator.Validate(plan)).Code);
    }

    [Fact]
    public void Validate_DuplicateEmptyAndInvalidIds_EachReported()
    {
        var problems = Validate(
            Step("a", "calculator", """{"expression":"1"}"""),
            Step("a", "calculator", """{"expression":"1"}"""),
            Step("", "calculator", """{"expression":"1"}"""),
            Step("has space", "calculator", """{"expression":"1"}"""));
        Assert.Contains(problems, p => p is { Code: PlanProblemCodes.DuplicateId, StepId: "a" });
        Assert.Contains(problems, p => p.Code == PlanProblemCodes.InvalidId && p.StepId is null && p.Message.Contains("Step 3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Code: PlanProblemCodes.InvalidId, StepId: "has space" });
    }

    [Fact]
    public void Validate_UnknownTool_NamesStepAndTool()
    {
        var problem = Assert.Single(Validate(Step("a", "teleport", "{}")));
        Assert.Equal((PlanProblemCodes.UnknownTool, "a"), (problem.Code, problem.StepId));
        Assert.Contains("'teleport'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("calculator", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calculator", "{}", "argument 'expression' is required")]
    [InlineData("todo.add", """{"title":"x","priority":"urgent"}""", "argument 'priority' must be one of \"high\", \"medium\", \"low\"")]
    [InlineData("todo.add", """{"title":""}""", "argument 'title' must not be empty")]
    [InlineData("todo.add", """{"title":"x","tags":"home"}""", "argument 'tags' must be an array")]
    [InlineData("todo.add", """{"title":"x","tags":["a",3]}""", "argument 'tags[1]' must be a string")]
    [InlineData("todo.complete", "{}", "must include one of: id; or title")]
    [InlineData("wait", """{"seconds":-1}""", "argument 'seconds' must be at least 0")]
    [InlineData("wait", """{"seconds":"soon"}""", "argument 'seconds' must be a number")]
    [InlineData("wait", """{"seconds":"{step_1_output}s"}""", "argument 'seconds' must be a number")]
    [InlineData("data.clean", """{"csv":"a\n1","path":"x.csv","bogus":1}""", "argument 'bogus' is not known")]
    [InlineData("data.profile", "{}", "must include one of: path; or csv")]
    [InlineData("stats.ttest", """{"x":[1,2]}""", "must include one of: x and y")]
    [InlineData("code.python", """{"code":"print(1)","memoryMb":1.5}""", "argument 'memoryMb' must be an integer")]
    public void Validate_BadArguments_NamesArgumentAndFault(string tool, string args, string fault)
    {
        var problems = Validate(Step("s", tool, args));
        Assert.Contains(problems, p => p.Code == PlanProblemCodes.InvalidArguments && p.StepId == "s" && p.Message.Contains(fault, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WholeReferenceWhereANumberIsExpected_IsAccepted()
    {
        Assert.Empty(Validate(Step("a", "calculator", """{"expression":"1"}"""), Step("b", "stats.describe", """{"values":"{steps.a.output}"}""")));
    }

    [Fact]
    public void Validate_ReferenceInsideEnumString_SkipsTheEnumCheck()
    {
        Assert.Empty(Validate(Step("a", "calculator", """{"expression":"1"}"""), Step("b", "todo.add", """{"title":"t","priority":"{step_1_output}"}""")));
    }

    [Fact]
    public void Validate_MissingSteps_Reported()
    {
        var problems = Validate(
            Step("a", "calculator", """{"expression":"{step_9_output} + {steps.nope.output}"}""", "ghost"));
        Assert.Equal(3, problems.Count(p => p is { Code: PlanProblemCodes.MissingStep, StepId: "a" }));
        Assert.Contains(problems, p => p.Message.Contains("the plan has 1 step", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("'ghost'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SelfReferenceAndSelfDependency_Reported()
    {
        var problems = Validate(Step("a", "calculator", """{"expression":"{steps.a.output} + {step_1_output}"}""", "a"));
        Assert.Equal(3, problems.Count(p => p is { Code: PlanProblemCodes.SelfReference, StepId: "a" }));
        Assert.DoesNotContain(problems, p => p.Code == PlanProblemCodes.Cycle);
    }

    [Fact]
    public void Validate_ReferenceToLaterStep_Reported()
    {
        var problems = Validate(Step("a", "calculator", """{"expression":"{steps.b.output}"}"""), Step("b", "calculator", """{"expression":"1"}"""));
        Assert.Equal(PlanProblemCodes.ForwardReference, Assert.Single(problems).Code);
    }

    [Fact]
    public void Validate_DependsOnLaterStepWithoutCycle_IsAllowed()
    {
        Assert.Empty(Validate(Step("a", "calculator", """{"expression":"1"}""", "b"), Step("b", "calculator", """{"expression":"1"}""")));
    }

    [Fact]
    public void Validate_Cycle_NamesTheCycle()
    {
        var problems = Validate(
            Step("a", "calculator", """{"expression":"1"}""", "c"),
            Step("b", "calculator", """{"expression":"1"}""", "a"),
            Step("c", "calculator", """{"expression":"1"}""", "b"),
            Step("d", "calculator", """{"expression":"1"}""", "a"));
        var cycle = Assert.Single(problems);
        Assert.Equal((PlanProblemCodes.Cycle, "a"), (cycle.Code, cycle.StepId));
        Assert.Contains("a → c → b → a", cycle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoSeparateCycles_BothNamed()
    {
        var problems = Validate(
            Step("a", "calculator", """{"expression":"1"}""", "b"),
            Step("b", "calculator", """{"expression":"1"}""", "a"),
            Step("c", "calculator", """{"expression":"1"}""", "d"),
            Step("d", "calculator", """{"expression":"{step_3_output}"}"""));
        Assert.Equal(["a → b → a", "c → d → c"], problems.Where(p => p.Code == PlanProblemCodes.Cycle).Select(p => p.Message.Split(": ")[1].Split(" (")[0]));
    }

    [Fact]
    public void ThrowIfInvalid_BadPlan_ThrowsNonRetriableWithProblems()
    {
        var e = Assert.Throws<PlanValidationException>(() => _validator.ThrowIfInvalid(Plan.FromJson("""{"steps":[{"id":"a","tool":"nope","args":{}}]}""")));
        Assert.Single(e.Problems);
        Assert.Contains("step 'a'", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NonRetriableException>(e);
    }
}
