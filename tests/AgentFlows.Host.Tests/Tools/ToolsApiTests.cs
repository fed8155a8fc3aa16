using System.Net;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Host.Tests.Tools;

/// <summary>Tool usage is counted per process, so the tests that count run alone, with no other host calling tools.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ToolUsageCollection
{
    public const string Name = "tool usage";
}

/// <summary><c>GET /api/tools</c>: the registry with schemas, flags and usage; and the tool version on each step.</summary>
[Collection(ToolUsageCollection.Name)]
public sealed class ToolsApiTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    [Fact]
    public async Task GetTools_Reader_ListsEveryBuiltInToolWithVersionSchemasAndFlags()
    {
        using var http = factory.CreateApiClient();

        var response = await http.ApiGetAsync("/api/tools");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var items = response.Object["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var expected = BuiltInTools.Create();
        Assert.Equal(expected.Select(t => t.Name), items.Select(i => i["name"]!.GetValue<string>()));
        Assert.Contains(items, i => i["name"]!.GetValue<string>() == "code.python");
        foreach (var (tool, item) in expected.Zip(items))
        {
            Assert.Equal(tool.Version, item["version"]!.GetValue<string>());
            Assert.Equal(tool.Description, item["description"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(tool.ArgsSchema, item["argsSchema"]), tool.Name);
            Assert.True(JsonNode.DeepEquals(tool.OutputSchema, item["outputSchema"]), tool.Name);
            Assert.Equal(tool.Pure, item["pure"]!.GetValue<bool>());
            Assert.Equal(tool.NeedsLlm, item["needsLlm"]!.GetValue<bool>());
            Assert.Equal(tool.SideEffects, item["sideEffects"]!.GetValue<bool>());
            Assert.True(item["usage"]!["calls"]!.GetValue<long>() >= 0);
            Assert.True(item["usage"]!.AsObject().ContainsKey("p50Ms"));
        }
    }

    [Fact]
    public async Task GetTools_AfterACalculatorRunAndAFailingCalculatorStep_CountsTheCallsAndTheError()
    {
        using var http = factory.CreateApiClient();
        var before = await CalculatorUsageAsync(http);

        var ok = await http.StartRunAsync("calculate 17 * 3");
        await factory.CompletionAsync(ok);
        var afterOk = await CalculatorUsageAsync(http);
        var failed = await http.StartRunAsync(new JsonObject
        {
            ["prompt"] = "a step that fails",
            ["maxAttempts"] = 1,
            ["plan"] = new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["id"] = "s1", ["tool"] = "calculator", ["args"] = new JsonObject { ["expression"] = "nosuchfunction(1)" } }) },
        });
        await factory.CompletionAsync(failed);
        var afterFailed = await CalculatorUsageAsync(http);

        Assert.Equal(before.Calls + 1, afterOk.Calls);
        Assert.Equal(before.Errors, afterOk.Errors);
        Assert.NotNull(afterOk.P50Ms);
        Assert.Equal(afterOk.Calls + 1, afterFailed.Calls);
        Assert.Equal(afterOk.Errors + 1, afterFailed.Errors);
    }

    [Fact]
    public async Task GetRun_StepsThatRan_ShowTheToolVersionThatRanThem()
    {
        using var http = factory.CreateApiClient();

        var runId = await http.StartRunAsync(new JsonObject
        {
            ["prompt"] = "calculate then wait",
            ["plan"] = new JsonObject
            {
                ["steps"] = new JsonArray(
                    new JsonObject { ["id"] = "calc", ["tool"] = "calculator", ["args"] = new JsonObject { ["expression"] = "2^10" } },
                    new JsonObject { ["id"] = "pause", ["tool"] = "wait", ["args"] = new JsonObject { ["seconds"] = 0 }, ["dependsOn"] = new JsonArray("calc") }),
            },
        });
        await factory.CompletionAsync(runId);
        var view = await http.GetRunAsync(runId);

        Assert.Equal(ToolRegistry.Default.Get("calculator").Version, view.Step("calc")["toolVersion"]!.GetValue<string>());
        Assert.Null(view.Step("pause")["toolVersion"]);
    }

    private static async Task<(long Calls, long Errors, double? P50Ms)> CalculatorUsageAsync(HttpClient http)
    {
        var response = await http.ApiGetAsync("/api/tools");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var usage = response.Object["items"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "calculator")!["usage"]!;
        return (usage["calls"]!.GetValue<long>(), usage["errors"]!.GetValue<long>(), usage["p50Ms"]?.GetValue<double>());
    }
}
