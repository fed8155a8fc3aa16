using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace AgentFlows.Dashboard.Tests;

/// <summary>One host process (no keys: loopback callers are admin) and one headless Debian Chromium for the tests.</summary>
public class DashboardFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium, installed by .ci/run; Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempContentRoot _root = new();
    private HostProcess? _host;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => _host!.BaseAddress;

    /// <summary>Gets the folder the screenshots go to (the test output folder: the CI artifacts).</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public HttpClient CreateClient() => _host!.CreateClient(TestTimeouts.Request);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: install Debian's Chromium (apt-get install -y chromium), as .ci/run does. The dashboard tests never download a browser.");
        }

        Directory.CreateDirectory(ScreenshotDir);
        Prepare(_root.Path);
        _host = await HostProcess.StartAsync(_root.Path);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            Headless = true,
        });
    }

    /// <summary>Opens a page of the dashboard with bounded timeouts; console errors fail the caller's assertions.</summary>
    /// <param name="errors">Collects the page's console errors and uncaught exceptions.</param>
    /// <returns>The page.</returns>
    public async Task<IPage> NewPageAsync(List<string> errors)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                errors.Add($"{r.Request.Method} {r.Url} → {r.Status}");
            }
        };
        return page;
    }

    /// <summary>Gets a run through the API.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The run view.</returns>
    public async Task<JsonObject> GetRunAsync(string runId)
    {
        using var client = CreateClient();
        return (await client.GetFromJsonAsync<JsonObject>($"/api/runs/{runId}"))!;
    }

    /// <summary>Adjusts the content root before the host starts (for example, writes local.settings.json).</summary>
    /// <param name="contentRoot">The content root.</param>
    protected virtual void Prepare(string contentRoot)
    {
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _root.Dispose();
    }
}
