using AgentFlows.Storage.TestKit;

namespace AgentFlows.Storage.Sqlite.Tests;

/// <summary>The SQLite store against the shared storage conformance suite, one temp database file per test.</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override IOrchestrationStore CreateStore(TimeProvider time) => _database.Open(time);
}
