namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>A content root in a temp folder: the repository's host.json and a SQLite database file of its own.</summary>
internal sealed class TempContentRoot : IDisposable
{
    public TempContentRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agentflows-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        File.Copy(RepoPaths.HostJson, System.IO.Path.Combine(Path, "host.json"));
    }

    /// <summary>Gets the folder.</summary>
    public string Path { get; }

    /// <summary>Gets the database file.</summary>
    public string DatabaseFile => System.IO.Path.Combine(Path, ".agentflows", "agentflows.db");

    /// <summary>Gets the connection string of the database file.</summary>
    public string ConnectionString => "Data Source=" + DatabaseFile;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a host that is shutting down; the temp folder is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
