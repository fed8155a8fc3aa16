using AgentFlows.Storage.InMemory;
using AgentFlows.Storage.TestKit;

namespace AgentFlows.Storage.InMemory.Tests;

/// <summary>The in-memory store against the shared storage conformance suite.</summary>
public sealed class InMemoryStoreConformanceTests : StoreConformanceTests
{
    protected override IOrchestrationStore CreateStore(TimeProvider time) => new InMemoryOrchestrationStore(time);
}
