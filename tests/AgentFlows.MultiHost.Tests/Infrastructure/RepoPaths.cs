namespace AgentFlows.MultiHost.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    /// <summary>Gets the repository's host.json.</summary>
    public static string HostJson { get; } = Path.Combine(FindRoot(), "host.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentFlows.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AgentFlows.sln) was not found above " + AppContext.BaseDirectory);
    }
}
