using System.Net.Http.Headers;
using AgentFlows.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Http.Tests.Fakes;

/// <summary>The management API on a real Kestrel listener at http://127.0.0.1:{random port}, over a <see cref="FakeDurableTaskClient"/>.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, FakeDurableTaskClient client, Uri root, string basePath)
    {
        _app = app;
        Client = client;
        Root = root;
        BaseUrl = root.ToString().TrimEnd('/') + basePath;
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
    }

    public FakeDurableTaskClient Client { get; }

    /// <summary>Gets the server root, e.g. http://127.0.0.1:5123/.</summary>
    public Uri Root { get; }

    /// <summary>Gets the management API's absolute base URL, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Gets a client whose relative URIs resolve under the base path (as the npm client's rpcBaseUrl).</summary>
    public HttpClient Http { get; }

    public static async Task<ApiHost> StartAsync(
        Action<DurableManagementOptions>? configure = null,
        string basePath = DurableManagementApi.DefaultBasePath,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? beforeMap = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var client = new FakeDurableTaskClient();
        builder.Services.AddSingleton<DurableTaskClient>(client);
        builder.Services.AddDurableTaskManagementApi(configure);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        beforeMap?.Invoke(app);
        app.MapDurableTaskManagementApi(basePath);
        await app.StartAsync();
        return new ApiHost(app, client, new Uri(app.Urls.First()), basePath);
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static ByteArrayContent Bytes(byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>One host per test class; the client is reset before each test.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private ApiHost? _host;

    internal ApiHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
