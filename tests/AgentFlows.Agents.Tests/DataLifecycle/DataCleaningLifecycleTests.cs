using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.DataLifecycle;
using AgentFlows.Agents.Tests.Fakes;

namespace AgentFlows.Agents.Tests.DataLifecycle;

public sealed class DataCleaningLifecycleTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Lifecycle_MessySample_PublishesCleanFileWithinThreeRoundsAndReportsEveryRound()
    {
        await using var runtime = await LifecycleRuntime.StartAsync(_data);

        var run = await runtime.RunAsync("""{"path":"samples/messy.csv"}""");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var output = JsonNode.Parse(run.SerializedOutput!)!["result"]!;
        Assert.True(output["passed"]!.GetValue<bool>());
        Assert.Equal("samples/messy.cleaned.csv", output["path"]!.GetValue<string>());
        var rounds = output["rounds"]!.AsArray();
        Assert.InRange(rounds.Count, 1, 3);
        Assert.All(rounds, r => Assert.NotNull(r!["profile"]));
        Assert.True(rounds[^1]!["checks"]!.AsObject().All(c => c.Value!.GetValue<bool>()));
        Assert.Contains(rounds[0]!["actions"]!.AsArray(), a => a!["changes"]?["counts"]?["duplicate-removed"]?.GetValue<int>() == 3);

        // The cleaned file has no duplicate, no blank and no stray whitespace; every round's dataset and the report stay.
        var cleaned = _data.Read("samples/messy.cleaned.csv");
        var lines = cleaned.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(60 + 1, lines.Length);
        Assert.DoesNotContain(",,", cleaned, StringComparison.Ordinal);
        Assert.DoesNotContain(" ,", cleaned, StringComparison.Ordinal);
        Assert.DoesNotContain("2023/", cleaned, StringComparison.Ordinal);
        var work = $"runs/{run.InstanceId}/clean";
        Assert.True(File.Exists(Path.Combine(_data.Root, work, "round-0.csv")));
        Assert.True(File.Exists(Path.Combine(_data.Root, work, $"round-{rounds.Count}.csv")));
        var report = JsonNode.Parse(_data.Read(work + "/report.json"))!;
        Assert.Equal(rounds.Count, report["rounds"]!.AsArray().Count);
        Assert.Equal(work + "/report.json", output["report"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lifecycle_AsRunStep_RunViewAndEventsShowTheStepLikeAnActivity()
    {
        await using var runtime = await LifecycleRuntime.StartAsync(_data);
        var run = await runtime.RunAsync("""{"path":"samples/messy.csv","maxRounds":1}""");

        var projection = await runtime.ProjectAsync(run.InstanceId);

        var step = Assert.Single(projection.ToView().Plan.Steps);
        Assert.Equal("completed", step.Status);
        Assert.Equal(1, step.Attempts);
        Assert.Equal("samples/messy.cleaned.csv", step.Output!["path"]!.GetValue<string>());
        var started = Assert.Single(projection.Events, e => e.Type == "step.started");
        Assert.Equal("data.lifecycle", started.Data["tool"]!.GetValue<string>());
        Assert.Single(projection.Events, e => e.Type == "step.completed" && e.StepId == "clean");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await runtime.Client.GetInstanceAsync(DataLifecycleNames.ChildInstanceId(run.InstanceId, "clean")))!.RuntimeStatus);
    }

    [Fact]
    public async Task Lifecycle_AsRunStep_ViewShowsTheToolVersionThatRanIt()
    {
        await using var runtime = await LifecycleRuntime.StartAsync(_data);
        var run = await runtime.RunAsync("""{"path":"samples/messy.csv"}""");

        var step = Assert.Single((await runtime.ProjectAsync(run.InstanceId)).ToView().Plan.Steps);
        Assert.Equal(ToolRegistry.Default.Get(ToolNames.DataLifecycle).Version, step.ToolVersion);
    }

    [Fact]
    public async Task Lifecycle_MissingFile_RunFailsAndViewShowsTheStepFailedWithTheReason()
    {
        await using var runtime = await LifecycleRuntime.StartAsync(_data);
        var run = await runtime.RunAsync("""{"path":"samples/absent.csv"}""");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        var projection = await runtime.ProjectAsync(run.InstanceId);
        var step = Assert.Single(projection.ToView().Plan.Steps);
        Assert.Equal("failed", step.Status);
        Assert.Contains("There is no file 'samples/absent.csv'", step.Error, StringComparison.Ordinal);
        Assert.Single(projection.Events, e => e.Type == "step.failed" && e.StepId == "clean");
    }

    [Fact]
    public async Task Lifecycle_ChecksThatCannotPass_StopAfterMaxRoundsNotPassed()
    {
        await using var runtime = await LifecycleRuntime.StartAsync(_data);
        var run = await runtime.RunAsync("""{"path":"samples/messy.csv","maxRounds":2,"checks":["rowCount"],"minRows":1000}""");

        var output = JsonNode.Parse(run.SerializedOutput!)!["result"]!;
        Assert.False(output["passed"]!.GetValue<bool>());
        Assert.Equal(2, output["rounds"]!.AsArray().Count);
        Assert.Contains("fewer than 1000", output["rounds"]![1]!["checkDetails"]!["rowCount"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_DuplicateKeyColumns_PlanDropsRepeatedKeys()
    {
        _data.Write("keys.csv", "id,name\n1,Ada\n1,Bea\n2,Ben\n");
        await using var runtime = await LifecycleRuntime.StartAsync(_data);
        var run = await runtime.RunAsync("""{"path":"keys.csv","keyColumns":["id"],"checks":["noDuplicates"]}""");

        var output = JsonNode.Parse(run.SerializedOutput!)!["result"]!;
        Assert.True(output["passed"]!.GetValue<bool>());
        Assert.Contains(output["rounds"]![0]!["actions"]!.AsArray(), a => a!["kind"]!.GetValue<string>() == "dropDuplicateKeys" && a["rowsRemoved"]!.GetValue<int>() == 1);
        Assert.Equal("id,name\r\n1,Ada\r\n2,Ben\r\n", _data.Read("keys.cleaned.csv"));
    }

    [Fact]
    public async Task Lifecycle_PythonOperation_RunsThroughCodePythonAndContinuesFromItsOutput()
    {
        _data.Write("p.csv", "id,city\n1,berlin\n2,paris\n");
        await using var runtime = await LifecycleRuntime.StartAsync(_data);

        var run = await runtime.RunAsync("""{"path":"p.csv","operations":[{"kind":"python","code":"df['city'] = df['city'].str.upper()"}]}""");

        var history = await runtime.Client.GetOrchestrationHistoryAsync(DataLifecycleNames.ChildInstanceId(run.InstanceId, "clean"));
        var call = JsonNode.Parse(Assert.Single(history, e => e.EventType == AgentFlows.History.EventType.TaskScheduled && e.Name == ToolNames.CodePython).Input!)!;
        Assert.Contains("df['city'] = df['city'].str.upper()", call["args"]!["code"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("clean", call["stepId"]!.GetValue<string>());
        Assert.Equal("id,city\r\n1,BERLIN\r\n2,PARIS\r\n", _data.Read("p.cleaned.csv"));
        var output = JsonNode.Parse(run.SerializedOutput!)!["result"]!;
        Assert.Contains(output["rounds"]![0]!["actions"]!.AsArray(), a => a!["kind"]!.GetValue<string>() == "python" && a["skipped"] is null);
    }

    [Fact]
    public async Task Lifecycle_PythonOperationFails_IsRecordedAndTheDatasetKept()
    {
        _data.Write("p.csv", "id,city\n1,berlin\n");
        await using var runtime = await LifecycleRuntime.StartAsync(_data);

        var run = await runtime.RunAsync("""{"path":"p.csv","operations":[{"kind":"python","code":"raise ValueError()"}]}""");

        var python = JsonNode.Parse(run.SerializedOutput!)!["result"]!["rounds"]![0]!["actions"]!.AsArray().Single(a => a!["kind"]!.GetValue<string>() == "python")!;
        Assert.Contains("ValueError", python["skipped"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("id,city\r\n1,berlin\r\n", _data.Read("p.cleaned.csv"));
    }
}
