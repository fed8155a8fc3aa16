using System.Text.Json.Nodes;
using AgentFlows.Agents.DataLifecycle;
using AgentFlows.Agents.Llm.Tests.Fakes;

namespace AgentFlows.Agents.Llm.Tests.DataLifecycle;

/// <summary>The lifecycle's plan step against the OpenAI-wire fake, through the real gateway.</summary>
public sealed class CleaningPlannerTests
{
    private static PlanRequest Request() => new(
        1,
        JsonNode.Parse("""{"rows":3,"duplicateKeys":0,"columns":[{"name":"id","type":"int"},{"name":"notes","type":"string","nulls":3}]}""")!.AsObject(),
        new JsonObject(),
        null,
        "acme",
        "run-1");

    [Fact]
    public async Task Plan_ValidLlmOperations_AreAddedAfterTheRules()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var gateway = Gateway.Create(server);
        server.Enqueue(FakeReply.Text("```json\n{\"operations\":[{\"kind\":\"dropColumn\",\"column\":\"notes\",\"reason\":\"always empty\"}]}\n```"));

        var plan = await new CleaningPlanner(gateway.Chat).PlanAsync(Request(), CancellationToken.None);

        Assert.Equal("rules+llm", plan.Planner);
        Assert.Equal(["clean", "dropColumn"], plan.Operations.Select(o => o.Kind));
        Assert.Equal(("llm", "notes"), (plan.Operations[1].Source, plan.Operations[1].Column));
        Assert.Contains("notes", server.Requests.Single().Body["messages"]![1]!["content"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drop the notes column", "not JSON")]
    [InlineData("""{"ops":[]}""", "no 'operations' array")]
    [InlineData("""{"operations":[{"kind":"deleteEverything"}]}""", "'deleteEverything' is not an operation")]
    [InlineData("""{"operations":[{"kind":"dropColumn","column":"salary"}]}""", "column 'salary' that does not exist")]
    public async Task Plan_InvalidLlmAnswer_FallsBackToRulesWithTheReason(string answer, string reason)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var gateway = Gateway.Create(server);
        server.Enqueue(FakeReply.Text(answer));

        var plan = await new CleaningPlanner(gateway.Chat).PlanAsync(Request(), CancellationToken.None);

        Assert.Equal("rules", plan.Planner);
        Assert.Equal(["clean"], plan.Operations.Select(o => o.Kind));
        Assert.Contains(reason, plan.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_LlmUnavailable_FallsBackToRules()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var gateway = Gateway.Create(server, o => o.Resilience.MaxRetryAttempts = 0);
        server.Enqueue(FakeReply.Error(400));

        var plan = await new CleaningPlanner(gateway.Chat).PlanAsync(Request(), CancellationToken.None);

        Assert.Equal(["clean"], plan.Operations.Select(o => o.Kind));
        Assert.Contains("the LLM call failed", plan.Note, StringComparison.Ordinal);
    }
}
