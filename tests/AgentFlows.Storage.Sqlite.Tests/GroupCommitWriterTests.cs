using AgentFlows.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite.Tests;

/// <summary>Group commit: writes queued behind a running transaction share the next one, each undone alone when it fails.</summary>
public sealed class GroupCommitWriterTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WriteAsync_QueuedBehindRunningBatch_SharesOneTransactionAndFailureUndoesOnlyItsOwnWrites()
    {
        var writer = await OpenAsync();
        Task<int>? good = null;
        Task<int>? bad = null;

        await writer.WriteAsync(
            s =>
            {
                // Queued from another thread while this batch runs, so the next batch takes both: "bad" fails inside
                // its savepoint, "good" commits in the same transaction.
                Task.Run(() =>
                {
                    bad = writer.WriteAsync<int>(s2 => { Insert(s2, "bad"); throw new InvalidOperationException("boom"); }, default);
                    good = writer.WriteAsync(s2 => { Insert(s2, "good"); return 1; }, default);
                }).Wait();
                Insert(s, "first");
                return 0;
            },
            default);

        Assert.Equal(1, await good!.WaitAsync(TimeSpan.FromSeconds(10)));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => bad!.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("boom", ex.Message);
        Assert.Equal(["first", "good"], await ReadNamesAsync());
        writer.Close();
    }

    [Fact]
    public async Task Close_LaterWrites_FailWithObjectDisposed()
    {
        var writer = await OpenAsync();
        writer.Close();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(s => 1, default));
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeRunning_IsCancelledAndWritesNothing()
    {
        var writer = await OpenAsync();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteAsync(s => { Insert(s, "never"); return 1; }, cts.Token));

        Assert.Empty(await ReadNamesAsync());
        writer.Close();
    }

    private static void Insert(SqliteSession s, string name)
    {
        using var command = s.Connection.CreateCommand();
        command.CommandText = "INSERT INTO t (name) VALUES ($name)";
        command.Parameters.AddWithValue("$name", name);
        command.ExecuteNonQuery();
    }

    private async Task<GroupCommitWriter> OpenAsync()
    {
        Directory.CreateDirectory(_database.Folder);
        var session = SqliteSession.Open($"Data Source={_database.FilePath};Pooling=False", TimeSpan.FromSeconds(5), readOnly: false);
        using (var command = session.Connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (name TEXT NOT NULL)";
            await command.ExecuteNonQueryAsync();
        }

        return new GroupCommitWriter(session);
    }

    private async Task<List<string>> ReadNamesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_database.FilePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM t ORDER BY rowid";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
