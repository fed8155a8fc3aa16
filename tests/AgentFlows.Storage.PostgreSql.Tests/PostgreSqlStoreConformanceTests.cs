using AgentFlows.Storage.TestKit;

namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL store against the shared storage conformance suite, one fresh schema per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlStoreConformanceTests(PostgresFixture fixture) : StoreConformanceTests
{
    private readonly string _schema = PostgresFixture.NewSchemaName();

    protected override IOrchestrationStore CreateStore(TimeProvider time) => fixture.CreateStore(_schema, time);

    protected override async Task DisposeStoreAsync(IOrchestrationStore store)
    {
        await base.DisposeStoreAsync(store);
        await fixture.DropSchemaAsync(_schema);
    }
}
