using AgentFlows.Agents.Llm.Tests.Fakes;

namespace AgentFlows.Host.Tests.Runs;

/// <summary>
/// Self-healing of code.python steps in real runs: bubblewrap and Debian's Python for real, limits of a few
/// seconds and tens of MiB so each run ends quickly.
/// </summary>
public sealed class PythonRunTests
{
    [Fact]
    public async Task Run_PromptRunPython_PlansAndRunsInTheSandbox()
    {
        // Importing pandas needs about 64 MiB of address space, the other tests' tight default: give it room.
        var settings = Settings();
        settings["AgentFlows:Sandbox:MemoryMb"] = "256";
        using var factory = new SettingsFactory(settings);
        var http = factory.CreateApiClient();
        var runId = await http.StartRunAsync("run python `import pandas as pd; print(pd.Series([1, 2, 39]).sum())`");

        var done = await factory.CompletionAsync(runId);

        var view = await http.GetRunAsync(runId);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, view.ToJsonString());
        var output = view["result"]!;
        Assert.Equal("42\n", output["stdout"]!.GetValue<string>());
        Assert.Equal(0, output["exitCode"]!.GetValue<int>());
        Assert.True(output["usage"]!["wallSeconds"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task Run_OverTheMemoryLimit_RetriedWithDoubleMemoryAndCompletes()
    {
        using var factory = new SettingsFactory(Settings());
        var http = factory.CreateApiClient();
        var runId = await http.StartRunAsync(Plan(new JsonObject { ["code"] = "x = bytearray(80 * 1024 * 1024)\nprint(len(x))", ["memoryMb"] = 64 }));

        var done = await factory.CompletionAsync(runId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var step = (await http.GetRunAsync(runId)).Step("py");
        Assert.Equal("83886080\n", step["output"]!["stdout"]!.GetValue<string>());
        Assert.Equal(128, step["output"]!["limits"]!["memoryMb"]!.GetValue<int>());
        Assert.Equal(2, step["attempts"]!.GetValue<int>());
        var events = await EventStreams.ReadNdjsonAsync(http, $"/api/runs/{runId}/events");
        var retrying = Assert.Single(events, e => e.Type() == "step.retrying");
        Assert.Equal("memory", retrying["data"]!["reason"]!.GetValue<string>());
        Assert.Equal(128, retrying["data"]!["limits"]!["memoryMb"]!.GetValue<int>());
        Assert.StartsWith("[sandbox:memory memoryMb=64/256", retrying["data"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Type() == "step.failed");
    }

    [Fact]
    public async Task Run_InfiniteLoopPastTheTimeCap_AsksAHumanWithTheContextThenFails()
    {
        using var factory = new SettingsFactory(Settings());
        var http = factory.CreateApiClient();
        var runId = await http.StartRunAsync(Plan(new JsonObject { ["code"] = "while True:\n    pass", ["timeoutSeconds"] = 1 }));

        await factory.WaitingForApprovalAsync(runId);
        var events = await EventStreams.ReadNdjsonAsync(http, $"/api/runs/{runId}/events", stopAfter: e => e.Type() == "approval.requested");
        var asked = events[^1]["data"]!;
        Assert.Equal("sandbox", asked["reason"]!.GetValue<string>());
        Assert.Contains("time failure at memoryMb=64/256, timeoutSeconds=2/2", asked["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(events, e => e.Type() == "step.retrying")["data"]!["limits"]!["timeoutSeconds"]!.GetValue<int>());

        await http.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"abort\"}");
        var done = await factory.CompletionAsync(runId);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("aborted at step 'py'", (await http.GetRunAsync(runId))["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CodeErrorWithoutLlm_FailsWithoutBlindRetries()
    {
        using var factory = new SettingsFactory(Settings());
        var http = factory.CreateApiClient();
        var runId = await http.StartRunAsync(Plan(new JsonObject { ["code"] = "print(6 * seven)" }));

        var done = await factory.CompletionAsync(runId);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var view = await http.GetRunAsync(runId);
        Assert.Equal(1, view.Step("py")["attempts"]!.GetValue<int>());
        Assert.Contains("NameError: name 'seven' is not defined", view["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CodeErrorWithLlm_RepairedOnceAndTheRepairIsAudited()
    {
        await using var llm = await FakeOpenAIServer.StartAsync();
        llm.Enqueue(FakeReply.Text("```python\nseven = 7\nprint(6 * seven)\n```"));
        using var factory = new SettingsFactory(WithLlm(Settings(), llm));
        var http = factory.CreateApiClient();
        var runId = await http.StartRunAsync(Plan(new JsonObject { ["code"] = "print(6 * seven)" }));

        var done = await factory.CompletionAsync(runId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("42\n", (await http.GetRunAsync(runId)).Step("py")["output"]!["stdout"]!.GetValue<string>());
        Assert.Equal(1, llm.RequestCount);
        Assert.Contains("NameError", llm.Requests[0].Messages[^1].Content, StringComparison.Ordinal);
        var events = await EventStreams.ReadNdjsonAsync(http, $"/api/runs/{runId}/events");
        var retrying = Assert.Single(events, e => e.Type() == "step.retrying")["data"]!;
        Assert.Equal(("repaired", 1), (retrying["reason"]!.GetValue<string>(), retrying["repair"]!.GetValue<int>()));
        var audit = (await (await http.GetAsync($"/api/runs/{runId}/audit")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var call = Assert.Single(audit, l => l["kind"]!.GetValue<string>() == "llm");
        Assert.Contains("print(6 * seven)", call!["prompt"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RepairBudgetSpent_AsksAHumanWhateverOnStepFailureSays()
    {
        await using var llm = await FakeOpenAIServer.StartAsync();
        llm.Default = _ => FakeReply.Text("print(6 * eight)");
        var settings = WithLlm(Settings(), llm);
        settings["AgentFlows:Sandbox:MaxRepairs"] = "1";
        using var factory = new SettingsFactory(settings);
        var http = factory.CreateApiClient();
        var runId = await http.StartRunAsync(Plan(new JsonObject { ["code"] = "print(6 * seven)" }));

        await factory.WaitingForApprovalAsync(runId);

        var events = await EventStreams.ReadNdjsonAsync(http, $"/api/runs/{runId}/events", stopAfter: e => e.Type() == "approval.requested");
        var asked = events[^1]["data"]!;
        Assert.Equal("sandbox", asked["reason"]!.GetValue<string>());
        Assert.Contains("repaired 1 time(s) and still fails", asked["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("NameError: name 'eight' is not defined", asked["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, llm.RequestCount);
        await http.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"skip\"}");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await factory.CompletionAsync(runId)).RuntimeStatus);
    }

    private static Dictionary<string, string?> WithLlm(Dictionary<string, string?> settings, FakeOpenAIServer llm)
    {
        settings["AgentFlows:Llm:Endpoint"] = llm.BaseUrl.ToString();
        settings["AgentFlows:Llm:Model"] = "test-model";
        settings["AgentFlows:Llm:ApiKey"] = "test-llm-key-0123456789";
        return settings;
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["AgentFlows:Sandbox:MemoryMb"] = "64",
        ["AgentFlows:Sandbox:MaxMemoryMb"] = "256",
        ["AgentFlows:Sandbox:TimeoutSeconds"] = "5",
        ["AgentFlows:Sandbox:MaxTimeoutSeconds"] = "2",
    };

    private static JsonObject Plan(JsonObject args) => new()
    {
        ["prompt"] = "run python",
        ["plan"] = new JsonObject
        {
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "py", ["tool"] = "code.python", ["args"] = args }),
        },
    };
}
