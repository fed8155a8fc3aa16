using AgentFlows.Client;
using AgentFlows.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>
/// The real host (Program) in-process over SQLite, in a temp content root of its own: the repository's host.json and
/// a fresh database file. One per test class. With no settings, no API key is configured, so the in-process caller
/// is the loopback admin of tenant <c>default</c>; subclasses add settings (keys, limits, CORS).
/// </summary>
public class AgentFlowsFactory : WebApplicationFactory<Program>
{
    private readonly TempContentRoot _root;
    private readonly bool _ownsRoot;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <summary>Initializes a new instance of the <see cref="AgentFlowsFactory"/> class with no extra settings.</summary>
    public AgentFlowsFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AgentFlowsFactory"/> class.</summary>
    /// <param name="settings">Settings, as configuration keys (<c>AgentFlows:Auth:Keys:0:Key</c>).</param>
    protected AgentFlowsFactory(IReadOnlyDictionary<string, string?> settings)
        : this(settings, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AgentFlowsFactory"/> class over a content root it may share.</summary>
    /// <param name="settings">Settings, as configuration keys.</param>
    /// <param name="root">A content root shared with other hosts (left in place on dispose), or null for one of its own.</param>
    private protected AgentFlowsFactory(IReadOnlyDictionary<string, string?> settings, TempContentRoot? root)
    {
        _settings = settings;
        _ownsRoot = root is null;
        _root = root ?? new TempContentRoot();
    }

    /// <summary>Gets every log line the host wrote, as its providers would see it (message, values, scopes, exception).</summary>
    internal LogCapture Logs { get; } = new();

    /// <summary>Gets the content root.</summary>
    internal string ContentRoot => _root.Path;

    /// <summary>Gets the server's durable client (for waits and store snapshots, never to change state).</summary>
    internal DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Gets the in-process change notices, to wait for a run without polling.</summary>
    internal InstanceChangeNotifier Changes => Services.GetRequiredService<InstanceChangeNotifier>();

    /// <summary>Creates a client with a bounded timeout.</summary>
    /// <param name="apiKey">The key sent as <c>x-api-key</c>, if any.</param>
    /// <returns>The client.</returns>
    public HttpClient CreateApiClient(string? apiKey = null)
    {
        var client = CreateClient();
        client.Timeout = TestTimeouts.Request;
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(_root.Path);
        builder.UseSetting("AgentFlowsStorage", _root.ConnectionString);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(l => l.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsRoot)
        {
            _root.Dispose();
        }
    }
}

/// <summary>A host over a content root (and so a database) that other hosts of the test use too, one after another.</summary>
/// <param name="root">The shared root.</param>
internal sealed class SharedRootFactory(TempContentRoot root) : AgentFlowsFactory(new Dictionary<string, string?>(), root);
