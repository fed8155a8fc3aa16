using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tests.Tools.Data;

public sealed class DataFolderTests : IDisposable
{
    private readonly TempDataFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ResolveExisting_FileInside_ReturnsFullPath()
    {
        var full = _temp.Write("sub/a.csv", "x\n1");
        var folder = new DataFolder(_temp.Options);
        Assert.Equal(full, folder.ResolveExisting("sub/a.csv"));
        Assert.Equal(full, folder.ResolveExisting(full));
        Assert.Equal("sub/a.csv", folder.Relative(full));
    }

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("sub/../../outside.csv")]
    [InlineData("/etc/passwd")]
    public void Resolve_PathEscapingTheFolder_IsRefused(string path)
    {
        var e = Assert.Throws<DataException>(() => new DataFolder(_temp.Options).Resolve(path));
        Assert.Contains("outside the data folder", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NonRetriableException>(e);
    }

    [Fact]
    public void Resolve_SiblingFolderWithSamePrefix_IsRefused()
    {
        Assert.Throws<DataException>(() => new DataFolder(_temp.Options).Resolve($"../{Path.GetFileName(_temp.Root)}-evil/a.csv"));
    }

    [Fact]
    public void Resolve_LinkLeadingOutside_IsRefused()
    {
        var outside = Path.Combine(Path.GetTempPath(), "agentflows-outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            File.WriteAllText(Path.Combine(outside, "secret.csv"), "a\n1");
            Directory.CreateSymbolicLink(Path.Combine(_temp.Root, "link"), outside);
            File.CreateSymbolicLink(Path.Combine(_temp.Root, "file.csv"), Path.Combine(outside, "secret.csv"));
            var folder = new DataFolder(_temp.Options);
            Assert.Contains("through a link", Assert.Throws<DataException>(() => folder.ResolveExisting("link/secret.csv")).Message, StringComparison.Ordinal);
            Assert.Contains("through a link", Assert.Throws<DataException>(() => folder.ResolveExisting("file.csv")).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void ResolveExisting_MissingOrTooLarge_IsRefused()
    {
        _temp.Write("big.csv", new string('x', 100));
        var folder = new DataFolder(new DataOptions { Root = _temp.Root, MaxFileBytes = 10 });
        Assert.Contains("There is no file", Assert.Throws<DataException>(() => folder.ResolveExisting("nope.csv")).Message, StringComparison.Ordinal);
        Assert.Contains("over the limit", Assert.Throws<DataException>(() => folder.ResolveExisting("big.csv")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoFolderConfigured_IsRefusedClearly()
    {
        var e = Assert.Throws<DataException>(() => new DataFolder(new DataOptions()).Resolve("a.csv"));
        Assert.Contains("No data folder is configured", e.Message, StringComparison.Ordinal);
    }
}
