using AgentFlows.Client;

namespace AgentFlows.Runtime.Tests;

public sealed class ClientValidationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("@entity")]
    [InlineData("tab\there")]
    public async Task ScheduleNewOrchestrationInstanceAsync_InvalidId_ThrowsArgumentAndWritesNothing(string id)
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            rt.Client.ScheduleNewOrchestrationInstanceAsync("HelloCities", null, new StartOrchestrationOptions { InstanceId = id }));
        Assert.Contains("instance id", ex.Message, StringComparison.OrdinalIgnoreCase);
        await AssertNothingStoredAsync(rt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_OverLongId_ThrowsWithLength()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            rt.Client.ScheduleNewOrchestrationInstanceAsync("HelloCities", null, new StartOrchestrationOptions { InstanceId = new string('x', 257) }));
        Assert.Contains("257", ex.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(rt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnknownOrchestrator_ThrowsNamingIt()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => rt.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchThing"));
        Assert.Contains("NoSuchThing", ex.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(rt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnserializableInput_ThrowsArgument()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var cyclic = new Node();
        cyclic.Next = cyclic;
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => rt.Client.ScheduleNewOrchestrationInstanceAsync("HelloCities", cyclic));
        Assert.Contains("cannot be serialized", ex.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(rt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_InputOverLimit_ThrowsPayloadTooLarge()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        var ex = await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            rt.Client.ScheduleNewOrchestrationInstanceAsync("HelloCities", new string('x', 5 * 1024 * 1024)));
        Assert.True(ex.Size > ex.Limit);
        await AssertNothingStoredAsync(rt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdAlreadyRunning_ThrowsAlreadyExistsAndKeepsOriginal()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        await rt.Client.ScheduleNewOrchestrationInstanceAsync("WaitForApproval", "first", new StartOrchestrationOptions { InstanceId = "dup" });
        await rt.Client.WaitForInstanceStartAsync("dup");
        var ex = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            rt.Client.ScheduleNewOrchestrationInstanceAsync("HelloCities", "second", new StartOrchestrationOptions { InstanceId = "dup" }));
        Assert.Equal(OrchestrationRuntimeStatus.Running, ex.Status);
        var kept = await rt.Client.GetInstanceAsync("dup", true);
        Assert.Equal("WaitForApproval", kept!.Name);
        Assert.Equal("\"first\"", kept.SerializedInput);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatus_ReturnsExistingWithoutStarting()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        await rt.RunAsync("FanOut", 2, "once");
        var id = await rt.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 5, new StartOrchestrationOptions
        {
            InstanceId = "once", DedupeStatuses = [OrchestrationRuntimeStatus.Completed],
        });
        Assert.Equal("once", id);
        Assert.Equal("2", (await rt.Client.GetInstanceAsync("once", true))!.SerializedInput);
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsNotFound()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => rt.Client.RaiseEventAsync("ghost", "e"));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => rt.Client.TerminateInstanceAsync("ghost"));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => rt.Client.RestartAsync("ghost"));
    }

    [Fact]
    public async Task QueryInstancesAsync_PagesNewestFirst()
    {
        await using var rt = await TestRuntime.StartAsync(r => r.AddSamples());
        for (var i = 0; i < 5; i++)
        {
            await rt.RunAsync("FanOut", i, $"q{i}");
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await rt.Client.QueryInstancesAsync(new OrchestrationQuery { PageSize = 2, ContinuationToken = token, InstanceIdPrefix = "q" });
            seen.AddRange(page.Items.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);
        Assert.Equal(["q4", "q3", "q2", "q1", "q0"], seen);
    }

    private static async Task AssertNothingStoredAsync(TestRuntime rt)
    {
        var page = await rt.Client.QueryInstancesAsync(new OrchestrationQuery());
        Assert.Empty(page.Items);
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }
}
