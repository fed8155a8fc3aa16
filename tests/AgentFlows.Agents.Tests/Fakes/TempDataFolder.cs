using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tests.Fakes;

/// <summary>A data folder in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempDataFolder : IDisposable
{
    public TempDataFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "agentflows-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Options = new DataOptions { Root = Root };
    }

    public string Root { get; }

    public DataOptions Options { get; }

    public string Write(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
