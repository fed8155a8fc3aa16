using AgentFlows.Cli.Api;

namespace AgentFlows.Cli.Tests;

public sealed class NdjsonLineReaderTests
{
    [Fact]
    public async Task ReadLineAsync_TornLastLine_IsNotReturned()
    {
        var reader = new NdjsonLineReader(new StringReader("{\"seq\":1}\n{\"seq\":2}\r\n{\"seq\":3,\"ty"));

        Assert.Equal("{\"seq\":1}", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("{\"seq\":2}", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
        Assert.True(reader.EndedWithTornLine);
    }

    [Fact]
    public async Task ReadLineAsync_LinesLongerThanTheBuffer_AreReturnedWhole()
    {
        var first = new string('a', 10_000);
        var second = new string('b', 4095);
        var reader = new NdjsonLineReader(new StringReader(first + "\n" + second + "\n\n"));

        Assert.Equal(first, await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal(second, await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal(string.Empty, await reader.ReadLineAsync(CancellationToken.None));
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
        Assert.False(reader.EndedWithTornLine);
    }
}
