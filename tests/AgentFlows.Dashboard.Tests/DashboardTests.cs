using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace AgentFlows.Dashboard.Tests;

/// <summary>The dashboard in a real browser against a real host: start, watch, rewind, approve, screenshots.</summary>
public sealed class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const int TestTimeoutMs = 60_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_page_loads_with_its_own_scripts_under_the_content_security_policy()
    {
        using var client = fixture.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("js/app.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var errors = new List<string>();
        var page = await fixture.NewPageAsync(errors);
        await page.GotoAsync("/#/lifecycle");
        await Assertions.Expect(page.Locator("#schedules-body tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#models-body tr").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "lifecycle");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_run_started_from_the_form_reaches_Completed_live_in_its_DAG()
    {
        var errors = new List<string>();
        var page = await fixture.NewPageAsync(errors);
        await OpenRunsListAsync(page);
        await page.GetByLabel("Prompt").FillAsync("calculate 2+2 and calculate 3*3 then wait 2 seconds then calculate 1+1");
        await page.GetByLabel("On step failure").SelectOptionAsync("fail");
        await page.GetByLabel("Prompt").PressAsync("Enter");

        await WaitForRunPageAsync(page);
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var nodes = page.Locator("svg#dag g.node");
        await Assertions.Expect(nodes).ToHaveCountAsync(4);

        // Seen before the end (the wait step holds the run for 2 s), then every node turns Completed without a reload.
        await Assertions.Expect(page.Locator("svg#dag g.node:not(.st-completed)").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg#dag g.node.st-completed")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#run-status")).ToHaveAttributeAsync("data-status", "Completed");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded instead of updating live");
        await Assertions.Expect(page.Locator("#event-log li[data-type='run.completed']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#timeline .bar")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#btn-purge")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#btn-cancel")).ToHaveCountAsync(0);

        var path = await ScreenshotAsync(page, "run-completed");
        if (Environment.GetEnvironmentVariable("AGENTFLOWS_UPDATE_README_SCREENSHOT") == "1")
        {
            // Only on purpose: a test run must not change tracked files.
            var docs = Path.Combine(RepoPaths.Root, "docs");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, "dashboard.png"), overwrite: true);
        }

        await page.GotoAsync("/#/runs");
        await page.GetByLabel("Status").SelectOptionAsync("Completed");
        await Assertions.Expect(page.Locator($"#runs-body tr[data-run-id]").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "runs-list");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_failed_run_is_rewound_from_its_page()
    {
        var runId = await StartAsync("add a todo \"x\" then complete todo nosuchtodo", "fail");
        var errors = new List<string>();
        var page = await fixture.NewPageAsync(errors);
        await page.GotoAsync($"/#/runs/{runId}");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("svg#dag g.node.st-failed")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "run-failed");

        using (var client = fixture.CreateClient())
        {
            using var todo = await client.PostAsJsonAsync(new Uri("/api/todos", UriKind.Relative), new JsonObject { ["title"] = "nosuchtodo" });
            Assert.True(todo.IsSuccessStatusCode, $"adding the todo: {(int)todo.StatusCode}");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Rewind", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("rewind accepted.");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("svg#dag g.node.st-completed")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "run-rewound");
        Assert.Equal("Completed", (string?)(await fixture.GetRunAsync(runId))["status"]);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_waiting_step_is_skipped_and_the_run_completes()
    {
        var errors = new List<string>();
        var page = await fixture.NewPageAsync(errors);
        await OpenRunsListAsync(page);
        await page.GetByLabel("Prompt").FillAsync("calculate 1+1 and complete todo neverthere");
        await page.GetByLabel("On step failure").SelectOptionAsync("ask");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();
        await WaitForRunPageAsync(page);

        var skip = page.Locator("#actions button[id^='btn-skip-']");
        await Assertions.Expect(skip).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("svg#dag g.node.st-waitingforapproval")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "run-waiting");
        await skip.ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("approve accepted.");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#event-log li[data-type='approval.resolved']")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "run-approved");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private static async Task OpenRunsListAsync(IPage page)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#runs-count")).Not.ToBeEmptyAsync();
    }

    private static async Task WaitForRunPageAsync(IPage page)
    {
        var shown = page.Locator("#run-status").Or(page.Locator("#message.error"));
        await Assertions.Expect(shown.First).ToBeVisibleAsync();
        var error = page.Locator("#message.error");
        Assert.False(await error.IsVisibleAsync(), "starting the run failed: " + (await error.IsVisibleAsync() ? await error.TextContentAsync() : string.Empty));
    }

    private static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(DashboardFixture.ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    private async Task<string> StartAsync(string prompt, string onStepFailure)
    {
        using var client = fixture.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/runs", UriKind.Relative), new JsonObject { ["prompt"] = prompt, ["onStepFailure"] = onStepFailure });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (string)body["runId"]!;
    }
}
