namespace AgentFlows.Storage.PostgreSql.Tests;

/// <summary>Schema creation and migration.</summary>
public sealed partial class PostgreSqlStoreTests
{
    [Fact]
    public async Task InitializeAsync_CalledTwice_RecordsSchemaVersionOnceAndKeepsData()
    {
        var store = await StartedHostAsync();
        await CreateAsync(store, "a");

        await store.InitializeAsync();
        var reopened = await StartedHostAsync();

        Assert.NotNull(await reopened.GetInstanceAsync("a", includePayloads: false));
        Assert.Equal([1], await fixture.QueryAsync<int>($"SELECT version FROM \"{_schema}\".schema_version"));
    }

    [Fact]
    public async Task InitializeAsync_ThreeHostsAtOnceOnNewSchema_AllSucceedAndApplyEachScriptOnce()
    {
        var hosts = new[] { Host(), Host(), Host() };

        await Task.WhenAll(hosts.Select(h => Task.Run(() => h.InitializeAsync())));

        Assert.Equal([1], await fixture.QueryAsync<int>($"SELECT version FROM \"{_schema}\".schema_version"));
        await CreateAsync(hosts[0], "a");
        Assert.NotNull(await hosts[2].GetInstanceAsync("a", includePayloads: false));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromNewerBuild_ThrowsNamingBothVersions()
    {
        await StartedHostAsync();
        await fixture.QueryAsync<int>($"INSERT INTO \"{_schema}\".schema_version (version, script, applied_at) VALUES (999, '999_future.sql', 0)");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Host().InitializeAsync());

        Assert.Contains("999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_BeforeInitializeAsync_CreatesSchemaFirst()
    {
        var store = Host();

        Assert.Null(await store.GetInstanceAsync("nope", includePayloads: false));

        Assert.Equal([1], await fixture.QueryAsync<int>($"SELECT version FROM \"{_schema}\".schema_version"));
    }

    [Fact]
    public async Task TwoHubsInOneSchema_NeverSeeEachOthersInstancesOrWork()
    {
        var blue = await StartedHostAsync("blue");
        var green = await StartedHostAsync("green");
        await CreateAsync(blue, "a");

        Assert.Null(await green.GetInstanceAsync("a", includePayloads: false));
        Assert.Null(await green.LockNextOrchestrationAsync("w", Lease));
        Assert.False(await green.SendMessageAsync(Event("a", "e")));
        await CreateAsync(green, "a");
        Assert.Equal("a", (await blue.LockNextOrchestrationAsync("w", Lease))!.Instance.InstanceId);
        Assert.Equal("a", (await green.LockNextOrchestrationAsync("w", Lease))!.Instance.InstanceId);
        Assert.NotEqual(blue.Channel, green.Channel);
    }

    [Fact]
    public void ChannelName_LongSchemaAndHub_StaysWithinIdentifierLimit()
    {
        var channel = PostgreSqlOrchestrationStore.ChannelName(new string('s', 60), new string('h', 60));

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(channel) <= 63);
        Assert.NotEqual(channel, PostgreSqlOrchestrationStore.ChannelName(new string('s', 60), new string('h', 59)));
        Assert.Equal("agentflows:agentflows:default", PostgreSqlOrchestrationStore.ChannelName("agentflows", "default"));
    }
}
