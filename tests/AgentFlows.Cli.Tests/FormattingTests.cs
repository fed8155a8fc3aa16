using AgentFlows.Cli.Output;

namespace AgentFlows.Cli.Tests;

public sealed class FormattingTests
{
    [Theory]
    [InlineData(250, "0.25s")]
    [InlineData(12_340, "12.3s")]
    [InlineData(125_000, "2m05s")]
    [InlineData(3_720_000, "1h02m")]
    [InlineData(-5, "0s")]
    public void Duration_Milliseconds_FormatsCompactly(long milliseconds, string expected)
    {
        Assert.Equal(expected, Formatting.Duration(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Duration_None_IsDash()
    {
        Assert.Equal("-", Formatting.Duration(null));
    }

    [Fact]
    public void Clip_LongText_KeepsTheStartAndSaysWhereTheRestIs()
    {
        var clipped = Formatting.Clip(new string('x', 5000), 2000, "agentflows status r1 --json");

        Assert.StartsWith(new string('x', 2000) + "… (3,000 more characters;", clipped, StringComparison.Ordinal);
        Assert.EndsWith("`agentflows status r1 --json` shows all)", clipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Clip_ShortText_Unchanged()
    {
        Assert.Equal("24", Formatting.Clip("24", 2000, "x"));
    }
}
