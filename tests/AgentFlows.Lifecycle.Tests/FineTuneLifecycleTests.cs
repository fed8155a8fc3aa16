using AgentFlows.Agents.Lifecycle;
using AgentFlows.Client;

namespace AgentFlows.Lifecycle.Tests;

public sealed class FineTuneLifecycleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("af-lifecycle-").FullName;

    private string DbPath => Path.Combine(_folder, "agentflows.db");

    private static LifecycleOptions Options(string? endpoint) => new()
    {
        MinNewInteractions = 10,
        ValidationPercent = 25,
        PollInterval = TimeSpan.FromMilliseconds(100),
        ActivityMaxAttempts = 1,
        ActivityFirstRetry = TimeSpan.FromMilliseconds(100),
        EvaluationTemperatures = [0.0, 0.5],
        FineTuning = new FineTuningOptions { Endpoint = endpoint, ApiKey = "test-key", BaseModel = "gpt-4.1-mini-2025-04-14" },
    };

    private static FakeChatClient GoodCandidate() => new()
    {
        Answer = (model, prompt) => model is not null && model.Contains(".ft-", StringComparison.Ordinal) ? LifecycleHost.PlanOf(prompt) : "I cannot plan that.",
    };

    [Fact]
    public async Task Lifecycle_BelowThreshold_CompletesSkippedWithCount()
    {
        await using var host = await LifecycleHost.StartAsync(DbPath, Options(null));
        await host.SeedRunsAsync(3);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(LifecycleNames.Orchestrator);
        var done = await host.WaitAsync(id);

        var result = done.ReadOutputAs<LifecycleResult>()!;
        Assert.Equal("skipped", result.Outcome);
        Assert.Equal(3, result.NewInteractions);
        Assert.Contains("below MinNewInteractions 10", result.Reason, StringComparison.Ordinal);
        Assert.Equal("skipped", done.ReadCustomStatusAs<LifecycleStatus>()!.Stage);
    }

    [Fact]
    public async Task Lifecycle_WithoutFineTuningSettings_StopsAfterDataset()
    {
        await using var host = await LifecycleHost.StartAsync(DbPath, Options(null));
        await host.SeedRunsAsync(12);

        var done = await host.WaitAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync(LifecycleNames.Orchestrator));

        var result = done.ReadOutputAs<LifecycleResult>()!;
        Assert.Equal("stopped", result.Outcome);
        Assert.Contains("not configured", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_FullRound_RegistersAndPromotesBetterModel()
    {
        await using var server = await FakeFineTuningServer.StartAsync();
        await using var host = await LifecycleHost.StartAsync(DbPath, Options(server.Endpoint), GoodCandidate());
        await host.SeedRunsAsync(20);

        var done = await host.WaitAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync(LifecycleNames.Orchestrator));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<LifecycleResult>()!;
        Assert.Equal("promoted", result.Outcome);
        Assert.Equal(1, server.JobsCreated);
        var version = Assert.Single(await host.Models.ListAsync());
        Assert.True(version.Promoted);
        Assert.Equal("gpt-4.1-mini-2025-04-14", version.BaseModel);
        Assert.Contains(".ft-", version.Model, StringComparison.Ordinal);
        Assert.Equal(done.InstanceId, version.LifecycleInstanceId);
        Assert.Equal("Q4_K_M", version.Quantization.Type);
        Assert.Equal(1.0, version.Metrics["evaluation"]!["candidate"]!["exactMatchRate"]!.GetValue<double>());
        Assert.Contains("not run", version.Metrics["compress"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("done", done.ReadCustomStatusAs<LifecycleStatus>()!.Stage);
    }

    [Fact]
    public async Task Lifecycle_JobFails_CompletesFailedWithError()
    {
        await using var server = await FakeFineTuningServer.StartAsync();
        server.Progression.Clear();
        server.Progression.AddRange(["running", "failed"]);
        await using var host = await LifecycleHost.StartAsync(DbPath, Options(server.Endpoint), GoodCandidate());
        await host.SeedRunsAsync(20);

        var done = await host.WaitAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync(LifecycleNames.Orchestrator));

        var result = done.ReadOutputAs<LifecycleResult>()!;
        Assert.Equal("failed", result.Outcome);
        Assert.Contains("The training file is invalid.", result.Reason, StringComparison.Ordinal);
        Assert.Empty(await host.Models.ListAsync());
    }

    [Fact]
    public async Task Lifecycle_HostRestartDuringMonitoring_MonitorsSameJob()
    {
        await using var server = await FakeFineTuningServer.StartAsync();
        server.Progression.Clear();
        server.Progression.AddRange(["queued", "running", "running", "running", "succeeded"]);
        string id;
        await using (var first = await LifecycleHost.StartAsync(DbPath, Options(server.Endpoint), GoodCandidate()))
        {
            await first.SeedRunsAsync(20);
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync(LifecycleNames.Orchestrator);
            await server.FirstPoll.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        await using var second = await LifecycleHost.StartAsync(DbPath, Options(server.Endpoint), GoodCandidate());
        var done = await second.WaitAsync(id);

        Assert.Equal("promoted", done.ReadOutputAs<LifecycleResult>()!.Outcome);
        Assert.Equal(1, server.JobsCreated);
    }

    [Fact]
    public async Task Rewind_AfterFailedEvaluation_RerunsEvaluationOnly()
    {
        await using var server = await FakeFineTuningServer.StartAsync();
        var chat = GoodCandidate();
        var good = chat.Answer;
        chat.Answer = (_, _) => throw new InvalidOperationException("the LLM is down");
        await using var host = await LifecycleHost.StartAsync(DbPath, Options(server.Endpoint), chat);
        await host.SeedRunsAsync(20);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(LifecycleNames.Orchestrator);
        var failed = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        var uploads = server.FilesUploaded;

        chat.Answer = good;
        await host.Client.RewindInstanceAsync(id, "LLM back");
        await host.WaitUntilAsync(id, s => s != OrchestrationRuntimeStatus.Failed);
        var done = await host.WaitAsync(id);

        Assert.Equal("promoted", done.ReadOutputAs<LifecycleResult>()!.Outcome);
        Assert.Equal(1, server.JobsCreated);
        Assert.Equal(uploads, server.FilesUploaded);
        Assert.True(chat.Calls > 1);
    }

    [Fact]
    public void IdempotencyKey_SameInstance_IsStableAndValidSuffix()
    {
        var key = LifecycleActivities.IdempotencyKey("schedule:finetune:20261122T030000Z");
        Assert.Equal(key, LifecycleActivities.IdempotencyKey("schedule:finetune:20261122T030000Z"));
        Assert.Matches("^[A-Za-z0-9_-]{1,40}$", key);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
        }
    }
}
