using AgentFlows.Agents.Plans;

namespace AgentFlows.Agents.Tests.Plans;

public sealed class PlanTests
{
    [Fact]
    public void FromJson_CamelCasePlan_ReadsEveryField()
    {
        var plan = Plan.FromJson("""{"steps":[{"id":"a","tool":"calculator","args":{"expression":"1+1"}},{"id":"b","tool":"wait","args":{"seconds":5},"dependsOn":["a"]}]}""");
        Assert.Equal(["a", "b"], plan.Steps.Select(s => s.Id));
        Assert.Equal("1+1", plan.Steps[0].Args["expression"]!.GetValue<string>());
        Assert.Empty(plan.Steps[0].DependsOn);
        Assert.Equal(["a"], plan.Steps[1].DependsOn);
    }

    [Fact]
    public void FromJson_NullArgsAndDependsOn_BecomeEmpty()
    {
        var plan = Plan.FromJson("""{"steps":[{"id":"a","tool":"calculator","args":null,"dependsOn":null}]}""");
        Assert.Empty(plan.Steps[0].Args);
        Assert.Empty(plan.Steps[0].DependsOn);
    }

    [Fact]
    public void ToJson_RoundTrip_KeepsThePlan()
    {
        const string json = """{"steps":[{"id":"a","tool":"calculator","args":{"expression":"1+1"},"dependsOn":[]}]}""";
        Assert.Equal(json, Plan.FromJson(json).ToJson());
    }
}
