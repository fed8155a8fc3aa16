using System.Text.RegularExpressions;
using AgentFlows.History;
using AgentFlows.Storage.Sqlite.Internal;
using AgentFlows.Testing;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite.Tests;

/// <summary>What only a file-backed store can show: schema versioning, restarts, crashes, several hosts on one file.</summary>
public sealed partial class SqliteStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task InitializeAsync_CalledTwice_RecordsSchemaVersionOnceAndKeepsData()
    {
        await using (var store = _database.Open(_time))
        {
            await store.InitializeAsync();
            await CreateAsync(store, "a");
            await store.InitializeAsync();
            Assert.NotNull(await store.GetInstanceAsync("a", includePayloads: false));
        }

        await using (var reopened = _database.Open(_time))
        {
            await reopened.InitializeAsync();
            Assert.NotNull(await reopened.GetInstanceAsync("a", includePayloads: false));
        }

        await using var connection = await OpenRawAsync();
        Assert.Equal([1L], await QueryLongsAsync(connection, "SELECT version FROM schema_version"));
        Assert.Equal("wal", await QueryTextAsync(connection, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromNewerBuild_Throws()
    {
        await using (var store = _database.Open(_time))
        {
            await store.InitializeAsync();
        }

        await using (var connection = await OpenRawAsync())
        {
            await QueryLongsAsync(connection, "INSERT INTO schema_version (version, script, applied_at) VALUES (999, '999_future.sql', 0)");
        }

        await using var newer = _database.Open(_time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync());
    }

    [Fact]
    public async Task InitializeAsync_MissingDirectory_CreatesIt()
    {
        var nested = Path.Combine(_database.Folder, "a", "b", "agentflows.db");
        await using var store = new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = $"Data Source={nested}" }, _time);

        await store.InitializeAsync();

        Assert.True(File.Exists(nested));
        Assert.Equal(nested, store.DatabasePath);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    public void Constructor_InMemoryDatabase_ThrowsArgumentException(string connectionString)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = connectionString }, _time));

        Assert.Contains("InMemoryOrchestrationStore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReopenedStore_SameFile_SeesInstancesHistoryMessagesActivitiesAndTimers()
    {
        await using (var first = _database.Open(_time))
        {
            await CreateAsync(first, "a");
            var item = await first.LockNextOrchestrationAsync("w", Lease);
            await first.CompleteOrchestrationAsync(item!, new OrchestrationCheckpoint
            {
                Instance = item!.Instance with { Status = OrchestrationRuntimeStatus.Running, CustomStatus = "\"cs\"" },
                NewHistory = [.. item.Messages.Select(m => m.Event)],
                ActivityMessages = [new ActivityMessage("a", "exec-a", new HistoryEvent { EventType = EventType.TaskScheduled, EventId = 0, Name = "Act" })],
                OrchestratorMessages = [Timer("a", 1, Now.AddMinutes(10))],
            });
            Assert.True(await first.SendMessageAsync(Event("a", "pending")));
        }

        await using var second = _database.Open(_time);
        await second.InitializeAsync();

        var row = await second.GetInstanceAsync("a", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Running, row!.Status);
        Assert.Equal("\"cs\"", row.CustomStatus);
        Assert.Equal(1, row.Version);
        Assert.Equal(EventType.ExecutionStarted, Assert.Single(await second.GetHistoryAsync("a")).EventType);
        Assert.Equal("Act", Assert.Single(await second.LockNextActivitiesAsync("w", Lease, 10)).Message.Event.Name);
        var pending = await second.LockNextOrchestrationAsync("w", Lease);
        Assert.Equal(["pending"], pending!.Messages.Select(m => m.Event.Name));
        await second.CompleteOrchestrationAsync(pending, new OrchestrationCheckpoint { Instance = pending.Instance });

        var wait = await StartIdleWaitAsync(second, WorkItemKind.Orchestration);
        _time.Advance(TimeSpan.FromMinutes(10));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        var timer = await second.LockNextOrchestrationAsync("w", Lease);
        Assert.Equal(1, Assert.Single(timer!.Messages).Event.TimerId);
    }

    [Fact]
    public async Task DisposedMidEpisode_LockTakenNoCheckpoint_WorkDeliveredAgainAfterLeaseExpires()
    {
        OrchestrationWorkItem lost;
        ActivityWorkItem lostActivity;
        await using (var crashed = _database.Open(_time))
        {
            await CreateAsync(crashed, "a");
            var item = await crashed.LockNextOrchestrationAsync("w", Lease);
            await crashed.CompleteOrchestrationAsync(item!, new OrchestrationCheckpoint
            {
                Instance = item!.Instance with { Status = OrchestrationRuntimeStatus.Running },
                NewHistory = [.. item.Messages.Select(m => m.Event)],
                ActivityMessages = [new ActivityMessage("a", "exec-a", new HistoryEvent { EventType = EventType.TaskScheduled, EventId = 0, Name = "Act" })],
            });
            Assert.True(await crashed.SendMessageAsync(Event("a", "e1")));
            lost = (await crashed.LockNextOrchestrationAsync("w", Lease))!;
            lostActivity = Assert.Single(await crashed.LockNextActivitiesAsync("w", Lease, 10));
        }

        await using var restarted = _database.Open(_time);
        await restarted.InitializeAsync();
        Assert.Null(await restarted.LockNextOrchestrationAsync("w2", Lease));
        Assert.Empty(await restarted.LockNextActivitiesAsync("w2", Lease, 10));
        var orchestrationWait = await StartIdleWaitAsync(restarted, WorkItemKind.Orchestration);
        var activityWait = await StartIdleWaitAsync(restarted, WorkItemKind.Activity);

        _time.Advance(Lease + TimeSpan.FromSeconds(1));

        await Task.WhenAll(orchestrationWait, activityWait).WaitAsync(TimeSpan.FromSeconds(10));
        var again = await restarted.LockNextOrchestrationAsync("w2", Lease);
        Assert.Equal(lost.Messages.Select(m => m.Sequence), again!.Messages.Select(m => m.Sequence));
        await Assert.ThrowsAsync<LeaseLostException>(() => restarted.CompleteOrchestrationAsync(lost, new OrchestrationCheckpoint { Instance = lost.Instance }));
        var activity = Assert.Single(await restarted.LockNextActivitiesAsync("w2", Lease, 10));
        Assert.Equal(lostActivity.Sequence, activity.Sequence);
        Assert.Equal(2, activity.DequeueCount);
        Assert.False(await restarted.CompleteActivityAsync(lostActivity, Completed(lostActivity)));
        Assert.True(await restarted.CompleteActivityAsync(activity, Completed(activity)));
    }

    [Fact]
    public async Task TwoStoresOnOneFile_InstanceLockedByOne_NotLockedByOther()
    {
        await using var hostA = _database.Open(_time);
        await using var hostB = _database.Open(_time);
        await CreateAsync(hostA, "a");
        await CreateAsync(hostB, "b");

        var fromA = await hostA.LockNextOrchestrationAsync("host-a", Lease);
        var fromB = await hostB.LockNextOrchestrationAsync("host-b", Lease);

        Assert.NotEqual(fromA!.Instance.InstanceId, fromB!.Instance.InstanceId);
        Assert.Null(await hostA.LockNextOrchestrationAsync("host-a", Lease));
        Assert.Equal(1, await hostB.CompleteOrchestrationAsync(fromB, new OrchestrationCheckpoint { Instance = fromB.Instance }));
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        var takenOver = await hostB.LockNextOrchestrationAsync("host-b", Lease);
        Assert.Equal(fromA.Instance.InstanceId, takenOver!.Instance.InstanceId);
        await Assert.ThrowsAsync<LeaseLostException>(() => hostA.CompleteOrchestrationAsync(fromA, new OrchestrationCheckpoint { Instance = fromA.Instance }));
    }

    [Theory]
    [InlineData(nameof(Sql.LockNextInstance))]
    [InlineData(nameof(Sql.SelectDeliverable))]
    [InlineData(nameof(Sql.CommitInstance))]
    [InlineData(nameof(Sql.Unlock))]
    [InlineData(nameof(Sql.MarkReady))]
    [InlineData(nameof(Sql.InsertMessage))]
    [InlineData(nameof(Sql.SelectUnlockedActivities))]
    [InlineData(nameof(Sql.SelectExpiredActivities))]
    [InlineData(nameof(Sql.LockActivity))]
    [InlineData(nameof(Sql.CompleteActivity))]
    [InlineData(nameof(Sql.NextOrchestrationDue))]
    [InlineData(nameof(Sql.NextActivityDue))]
    [InlineData(nameof(Sql.SelectHistory))]
    [InlineData(nameof(Sql.NextHistorySeq))]
    public async Task HotPathStatement_QueryPlan_UsesIndexesOnly(string statement)
    {
        await using (var store = _database.Open(_time))
        {
            await store.InitializeAsync();
        }

        var sql = (string)typeof(Sql).GetField(statement)!.GetRawConstantValue()!;
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, 0);
        }

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // No full table scan anywhere. The one sort allowed is bounded: the due messages of one instance (SelectDeliverable).
        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN ", StringComparison.Ordinal) && step != "SCAN CONSTANT ROW"
            && !step.Contains("USING", StringComparison.Ordinal));
        if (statement is not nameof(Sql.SelectDeliverable))
        {
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }

    /// <summary>Starts a wait as an idle dispatcher does, repeating the few that return at once (spurious wake-ups are allowed).</summary>
    private static async Task<Task> StartIdleWaitAsync(SqliteOrchestrationStore store, WorkItemKind kind)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wait = store.WaitForWorkAsync(kind, TimeSpan.FromHours(1));
            if (!wait.IsCompleted)
            {
                return wait;
            }

            await wait;
        }

        Assert.Fail("WaitForWorkAsync keeps returning at once although there is no work.");
        throw new InvalidOperationException();
    }

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex ParameterName();

    private static OrchestrationMessage Event(string id, string name) =>
        new(id, new HistoryEvent { EventType = EventType.EventRaised, Name = name }, DateTime.MinValue);

    private static OrchestrationMessage Timer(string id, int timerId, DateTime fireAt) =>
        new(id, new HistoryEvent { EventType = EventType.TimerFired, TimerId = timerId, FireAt = fireAt }, fireAt);

    private static OrchestrationMessage Completed(ActivityWorkItem item) =>
        new(item.Message.InstanceId, new HistoryEvent { EventType = EventType.TaskCompleted, TaskScheduledId = item.Message.Event.EventId }, DateTime.MinValue);

    private static async Task<List<long>> QueryLongsAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }

    private static async Task<string?> QueryTextAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync();
    }

    private async Task CreateAsync(SqliteOrchestrationStore store, string id)
    {
        var row = new InstanceRecord
        {
            InstanceId = id,
            Name = "Orch",
            ExecutionId = "exec-" + id,
            Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = Now,
            LastUpdatedAt = Now,
        };
        var start = new OrchestrationMessage(id, new HistoryEvent { EventType = EventType.ExecutionStarted, Name = "Orch", ExecutionId = row.ExecutionId }, Now);
        Assert.True(await store.CreateInstanceAsync(row, start, null));
    }

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection($"Data Source={_database.FilePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
