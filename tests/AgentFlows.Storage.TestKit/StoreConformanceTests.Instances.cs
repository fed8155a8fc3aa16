using AgentFlows.History;

namespace AgentFlows.Storage.TestKit;

/// <summary>Creating, deduplicating, replacing and reading instances.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task CreateInstanceAsync_NewId_CreatesPendingInstanceWithStartMessage()
    {
        Assert.True(await Store.CreateInstanceAsync(NewRecord("a", Now), StartMessage("a"), null));

        var row = await Store.GetInstanceAsync("a", includePayloads: true);
        Assert.NotNull(row);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, row.Status);
        Assert.Equal("\"input\"", row.Input);
        Assert.Equal(0, row.Version);
        var item = await LockAsync("a");
        var message = Assert.Single(item.Messages);
        Assert.Equal(EventType.ExecutionStarted, message.Event.EventType);
        Assert.True(message.Sequence > 0);
        Assert.Empty(await Store.GetHistoryAsync("a"));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    public async Task CreateInstanceAsync_ExistingInDedupeStatus_ReturnsFalseAndKeepsExisting(OrchestrationRuntimeStatus status)
    {
        if (status == OrchestrationRuntimeStatus.Pending)
        {
            await CreateAsync("a");
        }
        else
        {
            await CreateWithStatusAsync("a", status);
        }

        var before = await Store.GetHistoryAsync("a");
        var replacement = NewRecord("a", Now.AddMinutes(1), "\"other\"");
        Assert.False(await Store.CreateInstanceAsync(replacement, StartMessage("a", "\"other\""), [status]));

        var row = await Store.GetInstanceAsync("a", includePayloads: true);
        Assert.NotNull(row);
        Assert.Equal(status, row.Status);
        Assert.Equal("\"input\"", row.Input);
        Assert.Equal(before.Count, (await Store.GetHistoryAsync("a")).Count);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task CreateInstanceAsync_ExistingNotTerminal_ThrowsAlreadyExists(OrchestrationRuntimeStatus status)
    {
        if (status == OrchestrationRuntimeStatus.Pending)
        {
            await CreateAsync("a");
        }
        else
        {
            await CreateWithStatusAsync("a", status);
        }

        var ex = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => Store.CreateInstanceAsync(NewRecord("a", Now, "\"other\""), StartMessage("a", "\"other\""), [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal("a", ex.InstanceId);
        Assert.Equal(status, ex.Status);
        var row = await Store.GetInstanceAsync("a", includePayloads: true);
        Assert.Equal("\"input\"", row!.Input);
        Assert.Equal(status, row.Status);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CreateInstanceAsync_ExistingTerminal_ReplacesAndDropsOldHistoryAndMessages(OrchestrationRuntimeStatus status)
    {
        await CreateWithStatusAsync("a", status);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "stale")));
        Assert.NotEmpty(await Store.GetHistoryAsync("a"));

        var replacement = NewRecord("a", Now.AddMinutes(1), "\"second\"") with { ExecutionId = "exec-2" };
        Assert.True(await Store.CreateInstanceAsync(replacement, StartMessage("a", "\"second\""), null));

        var row = await Store.GetInstanceAsync("a", includePayloads: true);
        Assert.NotNull(row);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, row.Status);
        Assert.Equal("\"second\"", row.Input);
        Assert.Equal("exec-2", row.ExecutionId);
        Assert.Null(row.Output);
        Assert.Null(row.CompletedAt);
        Assert.Empty(await Store.GetHistoryAsync("a"));
        var item = await LockAsync("a");

        // Version 0 means no checkpoint since the instance was (re)created: the runtime relies on it to skip reading history.
        Assert.Equal(0, item.Instance.Version);
        var start = Assert.Single(item.Messages);
        Assert.Equal(EventType.ExecutionStarted, start.Event.EventType);
        Assert.Equal("\"second\"", start.Event.Input);
    }

    [Fact]
    public async Task SendMessageAsync_UnknownInstance_ReturnsFalseAndCreatesNothing()
    {
        Assert.False(await Store.SendMessageAsync(EventMessage("ghost", "e")));

        Assert.Null(await Store.GetInstanceAsync("ghost", includePayloads: false));
        await AssertNothingLockableAsync();
    }

    [Fact]
    public async Task SendMessageAsync_ExistingInstance_ReturnsTrueAndDeliversMessage()
    {
        await CreateWithStatusAsync("a", OrchestrationRuntimeStatus.Running);

        Assert.True(await Store.SendMessageAsync(EventMessage("a", "e1")));

        var item = await LockAsync("a");
        Assert.Equal(["e1"], Names(item.Messages));
        Assert.Equal(EventType.EventRaised, item.Messages[0].Event.EventType);
        Assert.Equal("\"e1\"", item.Messages[0].Event.Input);
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownInstance_ReturnsNull()
    {
        Assert.Null(await Store.GetInstanceAsync("nope", includePayloads: true));
        Assert.Empty(await Store.GetHistoryAsync("nope"));
    }

    [Fact]
    public async Task GetInstanceAsync_WithPayloads_RoundTripsEveryField()
    {
        await CreateAsync("a", Now.AddMinutes(-5));
        var item = await LockAsync("a");
        var failure = new FailureDetails("System.InvalidOperationException", "boom", "at X", new FailureDetails("Inner", "inner boom"), IsNonRetriable: true);
        var expected = item.Instance with
        {
            Status = OrchestrationRuntimeStatus.Failed,
            Output = "\"failed output\"",
            CustomStatus = "{\"step\":3}",
            FailureDetails = failure,
            LastUpdatedAt = Now,
            CompletedAt = Now.AddSeconds(1),
            ParentInstanceId = "parent-1",
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["tenant"] = "t1", ["kind"] = "unicode ✓" },
        };
        var version = await Store.CompleteOrchestrationAsync(item, CheckpointOf(item) with { Instance = expected });

        var row = await Store.GetInstanceAsync("a", includePayloads: true);

        Assert.NotNull(row);
        Assert.Equal(expected.InstanceId, row.InstanceId);
        Assert.Equal(expected.Name, row.Name);
        Assert.Equal(expected.ExecutionId, row.ExecutionId);
        Assert.Equal(expected.Status, row.Status);
        Assert.Equal(expected.Input, row.Input);
        Assert.Equal(expected.Output, row.Output);
        Assert.Equal(expected.CustomStatus, row.CustomStatus);
        Assert.Equal(failure, row.FailureDetails);
        Assert.Equal(expected.CreatedAt, row.CreatedAt);
        Assert.Equal(expected.LastUpdatedAt, row.LastUpdatedAt);
        Assert.Equal(expected.CompletedAt, row.CompletedAt);
        Assert.Equal(expected.ParentInstanceId, row.ParentInstanceId);
        Assert.Equal(expected.Tags, row.Tags);
        Assert.Equal(version, row.Version);
        Assert.Equal(1, version);
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutPayloads_OmitsInputOutputAndCustomStatus()
    {
        await CreateAsync("a");
        var item = await LockAsync("a");
        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item) with { Instance = item.Instance with { CustomStatus = "\"cs\"", Output = "\"out\"" } });

        var row = await Store.GetInstanceAsync("a", includePayloads: false);

        Assert.NotNull(row);
        Assert.Null(row.Input);
        Assert.Null(row.Output);
        Assert.Null(row.CustomStatus);
        Assert.Equal("a", row.InstanceId);
        Assert.Equal("TestOrchestrator", row.Name);
        Assert.Equal(1, row.Version);
    }

    [Fact]
    public async Task CreateInstanceAsync_ThreeMebibyteInput_RoundTripsIntact()
    {
        var big = "\"" + string.Concat(Enumerable.Repeat("0123456789abcdef-ünïcödé-✓", (3 * 1024 * 1024 / 26) + 1)) + "\"";
        Assert.True(big.Length > 3 * 1024 * 1024);

        Assert.True(await Store.CreateInstanceAsync(NewRecord("big", Now, big), StartMessage("big", big), null));

        Assert.Equal(big, (await Store.GetInstanceAsync("big", includePayloads: true))!.Input);
        var item = await LockAsync("big");
        Assert.Equal(big, Assert.Single(item.Messages).Event.Input);
        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item) with { Instance = item.Instance with { Output = big, Status = OrchestrationRuntimeStatus.Completed } });
        Assert.Equal(big, Assert.Single(await Store.GetHistoryAsync("big")).Input);
        Assert.Equal(big, (await Store.GetInstanceAsync("big", includePayloads: true))!.Output);
    }
}
