namespace AgentFlows.MultiHost.Tests.Infrastructure;

/// <summary>
/// Several host processes on one PostgreSQL database, each with a content root of its own (a copy of the repository's
/// host.json) and the store chosen by environment, as an operator behind a load balancer would run them.
/// </summary>
internal sealed class HostGroup : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("agentflows-multihost-").FullName;
    private readonly Dictionary<string, string> _environment;
    private readonly HostProcess?[] _hosts;

    public HostGroup(string connectionString, int count)
    {
        _hosts = new HostProcess?[count];
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__type"] = "postgres",
            ["AgentFlowsStorage"] = connectionString,
            // The tests poll the API from one loopback caller; the per-caller budget is not what they test.
            ["AgentFlows__RateLimit__PermitsPerMinute"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        for (var i = 0; i < count; i++)
        {
            var contentRoot = ContentRoot(i);
            Directory.CreateDirectory(contentRoot);
            File.Copy(RepoPaths.HostJson, Path.Combine(contentRoot, "host.json"));
        }
    }

    /// <summary>Gets how many hosts the group has.</summary>
    public int Count => _hosts.Length;

    /// <summary>Gets a running host.</summary>
    /// <param name="index">The host's index.</param>
    /// <returns>The host.</returns>
    public HostProcess this[int index] => _hosts[index] ?? throw new InvalidOperationException($"Host {index + 1} is not running.");

    /// <summary>Gets whether a host is running.</summary>
    /// <param name="index">The host's index.</param>
    /// <returns>True when it runs.</returns>
    public bool IsRunning(int index) => _hosts[index] is not null;

    /// <summary>Starts the given hosts (all when none are named) at once and waits until they listen.</summary>
    /// <param name="indexes">The hosts' indexes.</param>
    /// <returns>A task.</returns>
    public Task StartAsync(params int[] indexes) =>
        Task.WhenAll((indexes.Length == 0 ? Enumerable.Range(0, Count) : indexes).Select(async i =>
            _hosts[i] = await HostProcess.StartAsync(ContentRoot(i), _environment)));

    /// <summary>Kills a host with SIGKILL.</summary>
    /// <param name="index">The host's index.</param>
    /// <returns>A task.</returns>
    public async Task KillAsync(int index)
    {
        await this[index].DisposeAsync();
        _hosts[index] = null;
    }

    /// <summary>Creates a client of a running host.</summary>
    /// <param name="index">The host's index.</param>
    /// <returns>The client.</returns>
    public HttpClient Client(int index) => this[index].CreateClient(TestTimeouts.Request);

    /// <summary>Gets the output of the running hosts, for failure messages.</summary>
    /// <returns>The text.</returns>
    public string Diagnostics() =>
        string.Join("\n", Enumerable.Range(0, Count).Where(IsRunning).Select(i => $"--- host {i + 1} (pid {_hosts[i]!.ProcessId})\n{_hosts[i]!.OutputTail}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string ContentRoot(int index) => Path.Combine(_root, "host" + (index + 1));
}
