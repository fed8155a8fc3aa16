using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;

namespace AgentFlows.Agents.Tests.Plans;

public sealed class StepReferencesTests
{
    [Fact]
    public void Find_BothForms_ReturnsThemInOrder()
    {
        var found = StepReferences.Find("x {step_2_output} y {steps.load-1.output}");
        Assert.Equal(2, found.Count);
        Assert.Equal((null, 2, 2, 15), (found[0].StepId, found[0].StepNumber, found[0].Start, found[0].Length));
        Assert.Equal("load-1", found[1].StepId);
        Assert.Equal("{steps.load-1.output}", found[1].Text);
    }

    [Theory]
    [InlineData("{step_1_output}", true)]
    [InlineData("  {steps.a.output} ", true)]
    [InlineData("x {step_1_output}", false)]
    [InlineData("{step_1_output}{step_2_output}", false)]
    [InlineData("{step_x_output}", false)]
    public void IsWholeReference_Text_TellsWhetherTheStringIsOneReference(string text, bool expected)
    {
        Assert.Equal(expected, StepReferences.IsWholeReference(text, out _));
    }

    [Fact]
    public void FindAll_NestedArgs_FindsReferencesInArraysAndObjects()
    {
        var args = JsonNode.Parse("""{"a":"{step_1_output}","b":[1,"{step_2_output}",{"c":"{steps.s3.output}"}],"d":5}""");
        Assert.Equal(["{step_1_output}", "{step_2_output}", "{steps.s3.output}"], StepReferences.FindAll(args).Select(r => r.Text));
    }
}
