using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace AgentFlows.Dashboard.Tests;

/// <summary>A host with API keys configured: the dashboard offers each caller only the actions its role allows.</summary>
public sealed class KeyedDashboardTests(KeyedDashboardFixture fixture) : IClassFixture<KeyedDashboardFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task A_reader_sees_a_finished_run_without_actions_and_an_admin_may_purge_it()
    {
        using var operatorClient = fixture.CreateClient();
        operatorClient.DefaultRequestHeaders.Add("x-api-key", KeyedDashboardFixture.OperatorKey);
        var start = await operatorClient.PostAsJsonAsync("/api/runs", new { prompt = "calculate 1+1" });
        var runId = (await start.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();

        var errors = new List<string>();
        var reader = await PageWithKeyAsync(KeyedDashboardFixture.ReaderKey, errors);
        await reader.GotoAsync($"/#/runs/{runId}");
        await Assertions.Expect(reader.Locator("#run-status")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Assertions.Expect(reader.Locator("#actions button")).ToHaveCountAsync(0);

        var admin = await PageWithKeyAsync(KeyedDashboardFixture.AdminKey, errors);
        await admin.GotoAsync($"/#/runs/{runId}");
        await Assertions.Expect(admin.Locator("#btn-purge")).ToBeVisibleAsync();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private async Task<IPage> PageWithKeyAsync(string key, List<string> errors)
    {
        var page = await fixture.NewPageAsync(errors);
        await page.AddInitScriptAsync($"sessionStorage.setItem('agentflows.apiKey', '{key}');");
        return page;
    }
}

/// <summary>The dashboard fixture with three API keys (reader, operator, admin) of one tenant.</summary>
public sealed class KeyedDashboardFixture : DashboardFixture
{
    public const string ReaderKey = "dashboard-reader-key-0001";
    public const string OperatorKey = "dashboard-operator-key-0002";
    public const string AdminKey = "dashboard-admin-key-0003";

    /// <inheritdoc/>
    protected override void Prepare(string contentRoot)
    {
        var values = new JsonObject { ["AgentFlowsStorage"] = "Data Source=.agentflows/agentflows.db" };
        var keys = new[] { (ReaderKey, "reader"), (OperatorKey, "operator"), (AdminKey, "admin") };
        for (var i = 0; i < keys.Length; i++)
        {
            values[$"AgentFlows__Auth__Keys__{i}__Key"] = keys[i].Item1;
            values[$"AgentFlows__Auth__Keys__{i}__Tenant"] = "team";
            values[$"AgentFlows__Auth__Keys__{i}__Role"] = keys[i].Item2;
        }

        File.WriteAllText(Path.Combine(contentRoot, "local.settings.json"), new JsonObject { ["IsEncrypted"] = false, ["Values"] = values }.ToJsonString());
    }
}
