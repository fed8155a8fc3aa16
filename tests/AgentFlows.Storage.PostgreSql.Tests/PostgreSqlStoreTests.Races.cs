using AgentFlows.History;
using AgentFlows.Storage.PostgreSql.Internal;
using Npgsql;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>Interleavings with another session that a single process cannot produce, forced with raw SQL.</summary>
public sealed partial class PostgreSqlStoreTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReleasingLease_SenderCommitsWhileReleaseWaitsForTheRow_MessageStaysDeliverable(bool abandon)
    {
        var store = await StartedHostAsync();
        await CreateAsync(store, "a");
        var item = await store.LockNextOrchestrationAsync("w", Lease);
        await using var sender = new NpgsqlConnection(fixture.ConnectionString);
        await sender.OpenAsync();
        await using var transaction = await sender.BeginTransactionAsync();

        // A sender locks the target row first (as every sender does), sees the instance leased, so leaves its ready
        // time alone, and inserts its message; the checkpoint's fenced update (or the abandon) waits for the row meanwhile.
        await ExecuteAsync(sender, $"SELECT 1 FROM \"{_schema}\".instances WHERE hub = 'default' AND instance_id = 'a' FOR UPDATE");
        var release = abandon ? store.AbandonOrchestrationAsync(item!) : store.CompleteOrchestrationAsync(item!, Applied(item!));
        await WaitUntilAsync(async () => (await fixture.QueryAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'agentflows'"))[0] > 0);
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO \"{_schema}\".orchestration_messages (hub, instance_id, event_type, visible_at, event) VALUES ('default', 'a', @type, @visible, @event)",
            sender))
        {
            var late = Event("a", "late");
            insert.Parameters.AddWithValue("type", (short)EventType.EventRaised);
            insert.Parameters.AddWithValue("visible", late.VisibleAt.Ticks);
            insert.Parameters.AddWithValue("event", StoredJson.Serialize(late.Event));
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await release.WaitAsync(Prompt);

        var next = await store.LockNextOrchestrationAsync("w", Lease);
        Assert.NotNull(next);
        Assert.Equal(abandon ? [EventType.ExecutionStarted, EventType.EventRaised] : [EventType.EventRaised], next.Messages.Select(m => m.Event.EventType));
        Assert.Equal("late", next.Messages[^1].Event.Name);
    }

    [Fact]
    public async Task SendMessageAsync_TimerAYearAheadOnTheSystemClock_IsStoredAndNotLockable()
    {
        var store = fixture.CreateStore(_schema, TimeProvider.System);
        _stores.Add(store);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        Assert.True(await store.CreateInstanceAsync(
            Record("a", now),
            new OrchestrationMessage("a", new HistoryEvent { EventType = EventType.ExecutionStarted }, now),
            null));
        var item = await store.LockNextOrchestrationAsync("w", Lease);
        await store.CompleteOrchestrationAsync(item!, Applied(item!));

        // Far beyond the ~49 days a runtime timer can wait: the local wake-up must not throw.
        Assert.True(await store.SendMessageAsync(new OrchestrationMessage("a", new HistoryEvent { EventType = EventType.TimerFired, TimerId = 1 }, now.AddDays(365))));

        Assert.Null(await store.LockNextOrchestrationAsync("w", Lease));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls <paramref name="condition"/> (each poll is a round trip to the server) until it holds, for a bounded time.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Prompt);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, "The condition did not hold in time.");
        }
    }
}
