using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Calculator;
using AgentFlows.Agents.Tools.Usage;

namespace AgentFlows.Agents.Tests.Tools.Usage;

public sealed class ToolUsageTests
{
    [Fact]
    public void Of_ToolNeverCalled_ZeroCallsAndNoMedian()
    {
        Assert.Equal(new ToolUsageSnapshot(0, 0, null), new ToolUsage().Of(ToolNames.Calculator));
    }

    [Fact]
    public void Of_OddThenEvenNumberOfCalls_MedianOfTheRecordedLatencies()
    {
        var usage = new ToolUsage();
        foreach (var ms in new[] { 30, 10, 20 })
        {
            usage.Record("calculator", TimeSpan.FromMilliseconds(ms), failed: false);
        }

        Assert.Equal(20, usage.Of("calculator").P50Ms);
        usage.Record("CALCULATOR", TimeSpan.FromMilliseconds(100), failed: true);
        Assert.Equal(new ToolUsageSnapshot(4, 1, 25), usage.Of("calculator"));
    }

    [Fact]
    public void Of_MoreCallsThanTheWindow_MedianForgetsTheOldestButCallsKeepCounting()
    {
        var usage = new ToolUsage(window: 4);
        for (var i = 0; i < 100; i++)
        {
            usage.Record("stats.describe", TimeSpan.FromSeconds(10), failed: false);
        }

        foreach (var ms in new[] { 1, 2, 3, 4 })
        {
            usage.Record("stats.describe", TimeSpan.FromMilliseconds(ms), failed: false);
        }

        Assert.Equal(new ToolUsageSnapshot(104, 0, 2.5), usage.Of("stats.describe"));
    }

    [Fact]
    public async Task Record_FromManyThreadsAtOnce_CountsEveryCall()
    {
        var usage = new ToolUsage(window: 16);
        var threads = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                usage.Record("calculator", TimeSpan.FromMilliseconds(i % 10), failed: i % 4 == 0);
            }
        }));

        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(30));

        var snapshot = usage.Of("calculator");
        Assert.Equal(8000, snapshot.Calls);
        Assert.Equal(2000, snapshot.Errors);
        Assert.InRange(snapshot.P50Ms!.Value, 0, 9);
    }

    [Fact]
    public async Task RunAsync_AnyToolActivity_CountsCallsAndFailedCalls()
    {
        var usage = new ToolUsage();
        var activity = new CalculatorActivity { Usage = usage };

        Assert.Equal("4", (await Activities.RunAsync(activity, """{"expression":"2+2"}"""))!.ToJsonString());
        await Assert.ThrowsAsync<NonRetriableException>(() => Activities.RunAsync(activity, """{"nope":1}"""));

        var snapshot = usage.Of(ToolNames.Calculator);
        Assert.Equal(2, snapshot.Calls);
        Assert.Equal(1, snapshot.Errors);
        Assert.NotNull(snapshot.P50Ms);
        Assert.Equal(0, usage.Of(ToolNames.StatsDescribe).Calls);
    }
}
