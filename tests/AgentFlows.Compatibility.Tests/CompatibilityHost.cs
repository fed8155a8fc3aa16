using AgentFlows.Hosting;
using AgentFlows.Http;
using AgentFlows.Storage;
using AgentFlows.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Compatibility.Tests;

/// <summary>The real engine over a temp SQLite store, behind the management API on a free loopback port.</summary>
internal sealed class CompatibilityHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dir;

    private CompatibilityHost(WebApplication app, string dir)
    {
        _app = app;
        _dir = dir;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public bool Fixed { get; private set; }

    public static async Task<CompatibilityHost> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("agentflows-compat-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        CompatibilityHost? host = null;
        builder.Services.AddSingleton<IOrchestrationStore>(_ => new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = $"Data Source={Path.Combine(dir, "compat.db")}" }));
        builder.Services.AddAgentFlowsRuntime(r => r
            .AddActivityFunc<string, string>("SayHello", (_, city) => Task.FromResult($"Hello {city}!"))
            .AddActivityFunc<int, int>("Flaky", (_, x) => host!.Fixed ? Task.FromResult(x) : throw new InvalidOperationException("not fixed yet"))
            .AddOrchestratorFunc<string[], List<string>>("HelloCities", async (ctx, cities) =>
            {
                var list = new List<string>();
                foreach (var c in cities)
                {
                    list.Add(await ctx.CallActivityAsync<string>("SayHello", c));
                }

                return list;
            })
            .AddOrchestratorFunc<object?, string>("WaitForApproval", async (ctx, _) => "approved by " + await ctx.WaitForExternalEvent<string>("Approval"))
            .AddOrchestratorFunc<object?, int>("FailsUntilFixed", (ctx, _) => ctx.CallActivityAsync<int>("Flaky", 42)));
        builder.Services.AddDurableTaskManagementApi(o => o.HubName = "AgentFlows");
        var app = builder.Build();
        app.MapDurableTaskManagementApi();
        host = new CompatibilityHost(app, dir);
        app.MapPost("/test/fix", () => { host.Fixed = true; return Results.Ok(); });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUrl = address;
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
