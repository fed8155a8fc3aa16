using AgentFlows.Client;
using AgentFlows.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>
/// The real host (Program) in-process over SQLite, in a temp content root of its own: the repository's host.json and
/// a fresh database file. One per test class.
/// </summary>
public sealed class AgentFlowsFactory : WebApplicationFactory<Program>
{
    private readonly TempContentRoot _root = new();

    /// <summary>Gets the content root.</summary>
    internal string ContentRoot => _root.Path;

    /// <summary>Gets the server's durable client (for waits and store snapshots, never to change state).</summary>
    internal DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Gets the in-process change notices, to wait for a run without polling.</summary>
    internal InstanceChangeNotifier Changes => Services.GetRequiredService<InstanceChangeNotifier>();

    /// <summary>Creates a client with a bounded timeout.</summary>
    /// <returns>The client.</returns>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.Timeout = TestTimeouts.Request;
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(_root.Path);
        builder.UseSetting("AgentFlowsStorage", _root.ConnectionString);
        builder.ConfigureLogging(l => l.ClearProviders());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _root.Dispose();
        }
    }
}
