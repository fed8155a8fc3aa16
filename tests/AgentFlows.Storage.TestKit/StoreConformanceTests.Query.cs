using AgentFlows.Client;

namespace AgentFlows.Storage.TestKit;

/// <summary>Listing instances (filters, order, keyset paging) and purging them.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task QueryInstancesAsync_NoFilter_ReturnsAllNewestFirst()
    {
        var t0 = Now.AddHours(-1);
        await CreateAsync("b", t0.AddMinutes(1));
        await CreateAsync("a", t0.AddMinutes(3));
        await CreateAsync("c", t0.AddMinutes(2));
        await CreateAsync("d", t0.AddMinutes(3));

        var (items, token) = await Store.QueryInstancesAsync(new OrchestrationQuery());

        Assert.Equal(["d", "a", "c", "b"], items.Select(i => i.InstanceId));
        Assert.Null(token);
        Assert.All(items, i => Assert.Null(i.Input));
    }

    [Fact]
    public async Task QueryInstancesAsync_FetchInputsAndOutputs_ReturnsPayloads()
    {
        await CreateAsync("a");

        var (items, _) = await Store.QueryInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true });

        Assert.Equal("\"input\"", Assert.Single(items).Input);
    }

    [Fact]
    public async Task QueryInstancesAsync_CreatedRange_IncludesBothBounds()
    {
        var t0 = Now.AddHours(-1);
        for (var i = 0; i < 6; i++)
        {
            await CreateAsync($"i{i}", t0.AddMinutes(i));
        }

        var (items, _) = await Store.QueryInstancesAsync(new OrchestrationQuery
        {
            CreatedFrom = new DateTimeOffset(t0.AddMinutes(1)),
            CreatedTo = new DateTimeOffset(t0.AddMinutes(4)),
        });
        var (from, _) = await Store.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = new DateTimeOffset(t0.AddMinutes(4)) });
        var (to, _) = await Store.QueryInstancesAsync(new OrchestrationQuery { CreatedTo = new DateTimeOffset(t0.AddMinutes(1)) });

        Assert.Equal(["i4", "i3", "i2", "i1"], items.Select(i => i.InstanceId));
        Assert.Equal(["i5", "i4"], from.Select(i => i.InstanceId));
        Assert.Equal(["i1", "i0"], to.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task QueryInstancesAsync_Statuses_ReturnsOnlyThoseStatuses()
    {
        var t0 = Now.AddHours(-1);
        await CreateAsync("pending", t0);
        await CreateWithStatusAsync("running", OrchestrationRuntimeStatus.Running, t0.AddMinutes(1));
        await CreateWithStatusAsync("completed", OrchestrationRuntimeStatus.Completed, t0.AddMinutes(2));
        await CreateWithStatusAsync("failed", OrchestrationRuntimeStatus.Failed, t0.AddMinutes(3));

        var (items, _) = await Store.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Pending] });
        var (all, _) = await Store.QueryInstancesAsync(new OrchestrationQuery { Statuses = [] });

        Assert.Equal(["completed", "pending"], items.Select(i => i.InstanceId));
        Assert.Equal(4, all.Count);
    }

    [Fact]
    public async Task QueryInstancesAsync_IdPrefix_ReturnsOnlyMatchingIds()
    {
        foreach (var id in new[] { "run-1", "run-2", "run", "ru", "other-run-3", "RUN-4", "run-ünï" })
        {
            await CreateAsync(id);
        }

        var (items, _) = await Store.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "run" });

        Assert.Equal(["run", "run-1", "run-2", "run-ünï"], items.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task QueryInstancesAsync_ManyRowsWithIdenticalCreatedAt_PagesThroughEveryRowOnce()
    {
        var createdAt = Now.AddMinutes(-1);
        var ids = Enumerable.Range(0, 137).Select(i => $"same-{i:000}").ToList();
        foreach (var id in ids)
        {
            await CreateAsync(id, createdAt);
        }

        await CreateAsync("older", createdAt.AddTicks(-1));
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (items, next) = await Store.QueryInstancesAsync(new OrchestrationQuery { PageSize = 20, ContinuationToken = token });
            Assert.True(items.Count == 20 || next is null);
            seen.AddRange(items.Select(i => i.InstanceId));
            token = next;
            pages++;
        }
        while (token is not null && pages < 100);

        Assert.Equal(7, pages);
        Assert.Equal([.. ids.OrderDescending(StringComparer.Ordinal), "older"], seen);
    }

    [Fact]
    public async Task QueryInstancesAsync_RowsExactlyFillPages_LastPageHasNullToken()
    {
        for (var i = 0; i < 10; i++)
        {
            await CreateAsync($"i{i}", Now.AddMinutes(-i));
        }

        var (first, token) = await Store.QueryInstancesAsync(new OrchestrationQuery { PageSize = 5 });
        Assert.NotNull(token);
        var (second, last) = await Store.QueryInstancesAsync(new OrchestrationQuery { PageSize = 5, ContinuationToken = token });

        Assert.Equal(["i0", "i1", "i2", "i3", "i4"], first.Select(i => i.InstanceId));
        Assert.Equal(["i5", "i6", "i7", "i8", "i9"], second.Select(i => i.InstanceId));
        Assert.Null(last);
    }

    [Fact]
    public async Task QueryInstancesAsync_FilterAndPaging_CombineCorrectly()
    {
        for (var i = 0; i < 30; i++)
        {
            await CreateAsync(i % 3 == 0 ? $"keep-{i:00}" : $"drop-{i:00}", Now.AddSeconds(-i / 2));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var (items, next) = await Store.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "keep-", PageSize = 3, ContinuationToken = token });
            seen.AddRange(items.Select(i => i.InstanceId));
            token = next;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"keep-{i * 3:00}"), seen);
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("bm8tc2VwYXJhdG9y")]
    [InlineData("YWJjfGlk")]
    public async Task QueryInstancesAsync_MalformedToken_ThrowsArgumentException(string token)
    {
        await CreateAsync("a");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.QueryInstancesAsync(new OrchestrationQuery { ContinuationToken = token }));
    }

    [Fact]
    public async Task PurgeInstanceAsync_TerminalInstance_RemovesInstanceHistoryMessagesAndActivities()
    {
        await ScheduleActivitiesAsync("a", 2);
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "pending")));
        Assert.True(await Store.SendMessageAsync(TimerMessage("a", 9, Now.AddHours(1))));
        var item = await LockAsync("a");
        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item, OrchestrationRuntimeStatus.Terminated));
        Assert.True(await Store.SendMessageAsync(EventMessage("a", "after-end")));

        Assert.Equal(1, await Store.PurgeInstanceAsync("a"));

        Assert.Null(await Store.GetInstanceAsync("a", includePayloads: true));
        Assert.Empty(await Store.GetHistoryAsync("a"));
        Assert.Empty(await Store.LockNextActivitiesAsync("w", Lease, 10));
        Assert.False(await Store.SendMessageAsync(EventMessage("a", "gone")));
        Time.Advance(TimeSpan.FromHours(2));
        await AssertNothingLockableAsync();
        await CreateAsync("a");
        Assert.Equal([History.EventType.ExecutionStarted], (await LockAsync("a")).Messages.Select(m => m.Event.EventType));
    }

    [Fact]
    public async Task PurgeInstanceAsync_UnknownInstance_ReturnsZero()
    {
        Assert.Equal(0, await Store.PurgeInstanceAsync("nope"));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task PurgeInstanceAsync_NotTerminal_ThrowsStateExceptionAndKeepsEverything(OrchestrationRuntimeStatus status)
    {
        if (status == OrchestrationRuntimeStatus.Pending)
        {
            await CreateAsync("a");
        }
        else
        {
            await CreateWithStatusAsync("a", status);
        }

        var ex = await Assert.ThrowsAsync<OrchestrationStateException>(() => Store.PurgeInstanceAsync("a"));

        Assert.Equal(status, ex.Status);
        Assert.NotNull(await Store.GetInstanceAsync("a", includePayloads: false));
        Assert.Equal(status == OrchestrationRuntimeStatus.Pending ? 0 : 1, (await Store.GetHistoryAsync("a")).Count);
    }

    [Fact]
    public async Task PurgeInstancesAsync_Filters_DeleteOnlyMatchingTerminalInstances()
    {
        var t0 = Now.AddHours(-1);
        await CreateWithStatusAsync("completed-0", OrchestrationRuntimeStatus.Completed, t0);
        await CreateWithStatusAsync("failed-1", OrchestrationRuntimeStatus.Failed, t0.AddMinutes(1));
        await CreateWithStatusAsync("terminated-2", OrchestrationRuntimeStatus.Terminated, t0.AddMinutes(2));
        await CreateWithStatusAsync("running-1", OrchestrationRuntimeStatus.Running, t0.AddMinutes(1));
        await CreateAsync("pending-2", t0.AddMinutes(2));
        await CreateWithStatusAsync("completed-3", OrchestrationRuntimeStatus.Completed, t0.AddMinutes(3));
        await CreateWithStatusAsync("completed-future", OrchestrationRuntimeStatus.Completed, Now.AddHours(1));

        var inRange = await Store.PurgeInstancesAsync(new PurgeInstancesFilter(new DateTimeOffset(t0.AddMinutes(1)), new DateTimeOffset(t0.AddMinutes(2))));
        var byStatus = await Store.PurgeInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Running]));
        var rest = await Store.PurgeInstancesAsync(new PurgeInstancesFilter());

        Assert.Equal(2, inRange);
        Assert.Equal(2, byStatus);
        Assert.Equal(0, rest);
        var (left, _) = await Store.QueryInstancesAsync(new OrchestrationQuery());
        Assert.Equal(["completed-future", "pending-2", "running-1"], left.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.Empty(await Store.GetHistoryAsync("failed-1"));
        Assert.Empty(await Store.GetHistoryAsync("completed-0"));
        Assert.Single(await Store.GetHistoryAsync("running-1"));
    }

    [Fact]
    public async Task PurgeInstancesAsync_TerminalInstancesWithPendingWork_RemovesTheirMessagesAndActivities()
    {
        await ScheduleActivitiesAsync("done", 2);
        await ScheduleActivitiesAsync("alive", 1);
        Assert.True(await Store.SendMessageAsync(ControlMessage("done", History.EventType.ExecutionTerminated)));
        var item = await LockAsync("done");
        await Store.CompleteOrchestrationAsync(item, CheckpointOf(item, OrchestrationRuntimeStatus.Terminated));
        Assert.True(await Store.SendMessageAsync(EventMessage("done", "after-end")));

        Assert.Equal(1, await Store.PurgeInstancesAsync(new PurgeInstancesFilter()));

        Assert.Equal(["alive"], (await Store.LockNextActivitiesAsync("w", Lease, 10)).Select(a => a.Message.InstanceId));
        await AssertNothingLockableAsync();
        await CreateAsync("done");
        Assert.Equal([History.EventType.ExecutionStarted], (await LockAsync("done")).Messages.Select(m => m.Event.EventType));
    }
}
