using AgentFlows.Agents.Planning;
using AgentFlows.Agents.Plans;

namespace AgentFlows.Agents.Tests.Plans;

public sealed class PlanGraphTests
{
    // step_1 and step_2 in parallel, step_3 after both, step_4 refers to step_1 only but comes after step_3.
    private readonly PlanGraph _graph = new(new PatternPlanner().Plan("calculate 1 and calculate 2 then calculate 3 then calculate {step_1_output}"));

    [Fact]
    public void DependenciesOf_Step_IncludesExplicitAndReferenced()
    {
        var plan = Plan.FromJson("""{"steps":[{"id":"a","tool":"calculator","args":{"expression":"1"}},{"id":"b","tool":"calculator","args":{"expression":"1"}},{"id":"c","tool":"calculator","args":{"expression":"{steps.a.output}"},"dependsOn":["b"]}]}""");
        Assert.Equal(["b", "a"], new PlanGraph(plan).DependenciesOf("c"));
    }

    [Fact]
    public void ReadySteps_Start_AreTheFirstGroup()
    {
        Assert.Equal(["step_1", "step_2"], _graph.ReadySteps([], [], []).Select(s => s.Id));
    }

    [Fact]
    public void ReadySteps_OneOfTwoDone_NothingNewIsReady()
    {
        Assert.Empty(_graph.ReadySteps(["step_1"], [], ["step_2"]));
    }

    [Fact]
    public void ReadySteps_GroupDone_NextGroupIsReady()
    {
        Assert.Equal(["step_3"], _graph.ReadySteps(["step_1", "step_2"], [], []).Select(s => s.Id));
    }

    [Fact]
    public void ReadySteps_FailedStep_IsNotStartedAgainAndBlocksDependents()
    {
        Assert.Empty(_graph.ReadySteps(["step_1"], ["step_2"], []));
        Assert.Equal(["step_3", "step_4"], _graph.BlockedBy(["step_2"]));
    }

    [Fact]
    public void BlockedBy_NothingFailed_IsEmpty()
    {
        Assert.Empty(_graph.BlockedBy([]));
    }
}
