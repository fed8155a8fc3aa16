using AgentFlows.Storage.Sqlite;

namespace AgentFlows.Storage.Sqlite.Tests;

/// <summary>A database file in a fresh temp directory, deleted with the directory.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "agentflows-tests", Path.GetRandomFileName());
        FilePath = Path.Combine(Folder, "store.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public SqliteStoreOptions Options => new() { ConnectionString = $"Data Source={FilePath}" };

    public SqliteOrchestrationStore Open(TimeProvider time) => new(Options, time);

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
