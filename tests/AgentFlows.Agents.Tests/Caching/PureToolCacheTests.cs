using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Caching;
using AgentFlows.Agents.Tools.Calculator;

namespace AgentFlows.Agents.Tests.Caching;

public sealed class PureToolCacheTests
{
    private static readonly TaskActivityContext _context = new("calculator", "run", 0, 1, CancellationToken.None);

    [Fact]
    public async Task RunAsync_SameCalculationTwice_SecondAnsweredFromCache()
    {
        var cache = new PureToolCache();
        var activity = new CalculatorActivity { Cache = cache };
        var first = await ((ITaskActivity)activity).RunAsync(_context, Invocation("""{"expression":"sqrt(16) + 2^3"}"""));
        var second = await ((ITaskActivity)activity).RunAsync(_context, Invocation("""{ "expression" : "sqrt(16) + 2^3" }"""));
        Assert.Equal("12", ((JsonNode)first!).ToJsonString());
        Assert.Equal("12", ((JsonNode)second!).ToJsonString());
        Assert.Equal((1L, 1L), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void KeyOf_ArgumentOrderDiffers_SameKey()
    {
        var tool = ToolRegistry.Default.Get(ToolNames.StatsDescribe);
        var a = PureToolCache.KeyOf(tool, JsonNode.Parse("""{"values":[1,2,3],"column":"x"}""")!.AsObject());
        var b = PureToolCache.KeyOf(tool, JsonNode.Parse("""{"column":"x","values":[1,2,3]}""")!.AsObject());
        Assert.NotNull(a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void KeyOf_ImpureToolOrFileArgument_NotCached()
    {
        Assert.Null(PureToolCache.KeyOf(ToolRegistry.Default.Get(ToolNames.TodoAdd), JsonNode.Parse("""{"title":"x"}""")!.AsObject()));
        Assert.Null(PureToolCache.KeyOf(ToolRegistry.Default.Get(ToolNames.DataProfile), JsonNode.Parse("""{"path":"a.csv"}""")!.AsObject()));
    }

    [Fact]
    public void Set_OverCapacity_EvictsLeastRecentlyUsed()
    {
        var cache = new PureToolCache(capacity: 2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        Assert.True(cache.TryGet("a", out _));
        cache.Set("c", 3);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("c", out _));
    }

    private static object Invocation(string args) => new ToolInvocation { Args = JsonNode.Parse(args)!.AsObject() };
}
