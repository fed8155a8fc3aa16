using System.Text.Json.Nodes;
using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Schema;
using AgentFlows.Agents.Tools.Wait;

namespace AgentFlows.Agents.Tests.Tools;

public sealed class ToolRegistryTests
{
    [Fact]
    public void Default_HasTheContractTools()
    {
        string[] expected =
        [
            "calculator", "todo.add", "todo.list", "todo.complete", "data.profile", "data.clean", "data.lifecycle", "stats.describe",
            "stats.ttest", "stats.chisquare", "stats.correlation", "llm.summarize", "llm.write", "wait", "code.python",
        ];
        Assert.Equal(expected, ToolRegistry.Default.All.Select(t => t.Name));
        Assert.True(ToolRegistry.Default.TryGet("CALCULATOR", out _));
        Assert.Throws<KeyNotFoundException>(() => ToolRegistry.Default.Get("nope"));
    }

    [Fact]
    public void Default_FlagsMatchTheTools()
    {
        Assert.All(ToolRegistry.Default.All.Where(t => t.NeedsLlm), t => Assert.StartsWith("llm.", t.Name, StringComparison.Ordinal));
        Assert.True(ToolRegistry.Default.Get("calculator").Pure);
        Assert.False(ToolRegistry.Default.Get("todo.add").Pure);
        Assert.True(ToolRegistry.Default.Get("todo.add").SideEffects);
        Assert.All(ToolRegistry.Default.All, t => Assert.Equal("object", t.ArgsSchema["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        var tool = ToolRegistry.Default.Get("calculator");
        Assert.Throws<ArgumentException>(() => new ToolRegistry([tool, tool]));
    }

    [Fact]
    public void AddAgentTools_RegistersEveryActivityTool()
    {
        var registry = new DurableTaskRegistry().AddAgentTools();
        // 13 tools run as one activity each (code.python too); data.lifecycle is an orchestration with six activities of its own.
        Assert.Equal(13 + 6, registry.ActivityNames.Count);
        Assert.DoesNotContain("wait", registry.ActivityNames);
        Assert.DoesNotContain("data.lifecycle", registry.ActivityNames);
        Assert.Contains("data.lifecycle.apply", registry.ActivityNames);
        Assert.True(registry.TryGetActivity("todo.add", out var factory));
        Assert.IsType<AgentFlows.Agents.Tools.Todos.TodoAddActivity>(factory(new EmptyServices()));
        Assert.True(registry.TryGetActivity("code.python", out var python));
        Assert.IsType<AgentFlows.Agents.Tools.Python.PythonActivity>(python(new EmptyServices()));
    }

    [Fact]
    public void Validate_IntegerAndRangeKeywords_AreChecked()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"n":{"type":"integer","minimum":1,"maximum":3}},"required":["n"]}""")!.AsObject();
        Assert.Empty(ArgumentSchemaValidator.Validate(JsonNode.Parse("""{"n":2}"""), schema, allowReferences: false));
        Assert.Contains("must be an integer", ArgumentSchemaValidator.Validate(JsonNode.Parse("""{"n":2.5}"""), schema, false)[0], StringComparison.Ordinal);
        Assert.Contains("at most 3", ArgumentSchemaValidator.Validate(JsonNode.Parse("""{"n":4}"""), schema, false)[0], StringComparison.Ordinal);
        Assert.Contains("must be an integer", ArgumentSchemaValidator.Validate(JsonNode.Parse("""{"n":"{step_1_output}x"}"""), schema, true)[0], StringComparison.Ordinal);
        Assert.Contains("must be an integer", ArgumentSchemaValidator.Validate(JsonNode.Parse("""{"n":"{step_1_output}"}"""), schema, false)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void WaitDuration_ReadsSecondsAndRefusesBadValues()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), WaitTool.Duration(new JsonObject { ["seconds"] = 300 }));
        Assert.Throws<NonRetriableException>(() => WaitTool.Duration(new JsonObject { ["seconds"] = "soon" }));
        Assert.Throws<NonRetriableException>(() => WaitTool.Duration(new JsonObject { ["seconds"] = 3_000_000 }));
    }

    [Fact]
    public async Task ToolActivity_NullInput_FailsNonRetriably()
    {
        var activity = new AgentFlows.Agents.Tools.Calculator.CalculatorActivity();
        await Assert.ThrowsAsync<NonRetriableException>(() => activity.RunAsync(new TaskActivityContext("calculator", "i", 1, 1, CancellationToken.None), null!));
        Assert.NotNull(await Activities.RunAsync(activity, """{"expression":"1"}"""));
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
