using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;

namespace AgentFlows.Agents.Tests.Plans;

public sealed class ReferenceResolverTests
{
    private static readonly Plan _plan = Plan.FromJson("""
        {"steps":[{"id":"calc","tool":"calculator","args":{"expression":"1"}},
                  {"id":"todo","tool":"todo.add","args":{"title":"x"}},
                  {"id":"wait","tool":"wait","args":{"seconds":1}},
                  {"id":"use","tool":"llm.summarize","args":{"text":"x"}}]}
        """);

    private static readonly Dictionary<string, JsonNode?> _outputs = new()
    {
        ["calc"] = JsonValue.Create(12.0),
        ["todo"] = JsonNode.Parse("""{"id":"7","title":"buy milk"}"""),
        ["wait"] = null,
    };

    private static JsonObject Resolve(string args) => new ReferenceResolver(_plan).Resolve(JsonNode.Parse(args)!.AsObject(), _outputs);

    [Fact]
    public void Resolve_WholeReference_KeepsTheOutputsJsonType()
    {
        var resolved = Resolve("""{"n":"{step_1_output}","todo":" {steps.todo.output} ","none":"{steps.wait.output}"}""");
        Assert.Equal("""{"n":12,"todo":{"id":"7","title":"buy milk"},"none":null}""", resolved.ToJsonString());
    }

    [Fact]
    public void Resolve_EmbeddedReferences_AreStringified()
    {
        var resolved = Resolve("""{"t":"result {step_1_output}; todo {steps.todo.output}; wait [{step_3_output}]"}""");
        Assert.Equal("result 12; todo {\"id\":\"7\",\"title\":\"buy milk\"}; wait []", resolved["t"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_NestedArraysAndObjects_AreResolved()
    {
        var resolved = Resolve("""{"a":["{step_1_output}",{"b":"x{step_1_output}"}],"c":3,"d":true}""");
        Assert.Equal("""{"a":[12,{"b":"x12"}],"c":3,"d":true}""", resolved.ToJsonString());
    }

    [Theory]
    [InlineData(0.30000000000000004, "0.3")]
    [InlineData(12.0, "12")]
    [InlineData(2.5, "2.5")]
    [InlineData(-0.125, "-0.125")]
    [InlineData(1e20, "1E+20")]
    [InlineData(123456789012.5, "123456789012.5")]
    public void ToText_Number_IsInvariantWithoutSpuriousDigits(double value, string expected)
    {
        Assert.Equal(expected, ReferenceResolver.ToText(JsonValue.Create(value)));
        Assert.Equal(expected, ReferenceResolver.ToText(JsonNode.Parse(JsonValue.Create(value).ToJsonString())));
    }

    [Fact]
    public void ToText_StringAndBoolean_AreTheirText()
    {
        Assert.Equal("hi \"there\"", ReferenceResolver.ToText(JsonValue.Create("hi \"there\"")));
        Assert.Equal("true", ReferenceResolver.ToText(JsonValue.Create(true)));
        Assert.Equal("", ReferenceResolver.ToText(null));
    }

    [Fact]
    public void Resolve_DoesNotChangeTheInput()
    {
        var args = JsonNode.Parse("""{"n":"{step_1_output}"}""")!.AsObject();
        new ReferenceResolver(_plan).Resolve(args, _outputs);
        Assert.Equal("{step_1_output}", args["n"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_OutputNotYetAvailable_ThrowsNonRetriable()
    {
        var e = Assert.Throws<ReferenceResolutionException>(() => Resolve("""{"t":"{steps.use.output}"}"""));
        Assert.Contains("'use'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ReferenceResolutionException>(() => Resolve("""{"t":"x {step_9_output}"}"""));
    }
}
