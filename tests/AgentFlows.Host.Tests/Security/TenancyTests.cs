using System.Net;

namespace AgentFlows.Host.Tests.Security;

/// <summary>Tenancy: a key sees only its tenant's runs and todos; another tenant's id answers 404, as an unknown one does.</summary>
public sealed class TenancyTests(KeyedFactory factory) : IClassFixture<KeyedFactory>
{
    [Fact]
    public async Task RunRoutes_AnotherTenantsRun_Answer404AsForAnUnknownId()
    {
        using var a = factory.CreateApiClient(TestKeys.OperatorA);
        using var b = factory.CreateApiClient(TestKeys.AdminB);
        var runId = await a.StartRunAsync("calculate 6*7");
        await factory.CompletionAsync(runId);

        var answers = new[]
        {
            await b.ApiGetAsync($"/api/runs/{runId}"),
            await b.ApiGetAsync($"/api/runs/{runId}/events"),
            await b.ApiPostAsync($"/api/runs/{runId}/cancel", null),
            await b.ApiPostAsync($"/api/runs/{runId}/rewind", null),
            await b.ApiPostAsync($"/api/runs/{runId}/approve", "{\"decision\":\"skip\"}"),
            await b.ApiDeleteAsync($"/api/runs/{runId}"),
        };
        var unknown = await b.ApiGetAsync("/api/runs/no-such-run");

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.NotFound, r.Status));
        Assert.All(answers, r => Assert.Equal(unknown.ProblemType, r.ProblemType));
        Assert.Equal(HttpStatusCode.OK, (await a.ApiGetAsync($"/api/runs/{runId}")).Status);
        Assert.NotNull(await factory.Durable.GetInstanceAsync(runId));
    }

    [Fact]
    public async Task ListRuns_TwoTenants_EachSeesAndCountsOnlyItsOwn()
    {
        using var a = factory.CreateApiClient(TestKeys.OperatorA);
        using var b = factory.CreateApiClient(TestKeys.OperatorB);
        var mine = await a.StartRunAsync("calculate 1+2");
        var theirs = await b.StartRunAsync("calculate 3+4");

        var listA = (await a.ApiGetAsync("/api/runs?top=500")).Object;
        var listB = (await b.ApiGetAsync("/api/runs?top=500")).Object;

        var idsA = listA["items"]!.AsArray().Select(i => i!["runId"]!.GetValue<string>()).ToList();
        var idsB = listB["items"]!.AsArray().Select(i => i!["runId"]!.GetValue<string>()).ToList();
        Assert.Contains(mine, idsA);
        Assert.DoesNotContain(theirs, idsA);
        Assert.Contains(theirs, idsB);
        Assert.DoesNotContain(mine, idsB);
        Assert.Equal(idsA.Count, listA["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task StartRun_RunIdOfAnotherTenantsRun_Answers409AndWritesNothing()
    {
        using var a = factory.CreateApiClient(TestKeys.OperatorA);
        using var b = factory.CreateApiClient(TestKeys.OperatorB);
        await a.StartRunAsync(new JsonObject { ["prompt"] = "calculate 2+2", ["runId"] = "shared-id-1" });
        var before = await factory.Durable.GetInstanceAsync("shared-id-1", getInputsAndOutputs: true);

        var response = await b.ApiPostAsync("/api/runs", "{\"prompt\":\"calculate 9+9\",\"runId\":\"shared-id-1\"}");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.DoesNotContain("tenant", response.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before!.SerializedInput, (await factory.Durable.GetInstanceAsync("shared-id-1", getInputsAndOutputs: true))!.SerializedInput);
    }

    [Fact]
    public async Task StartRun_WithKey_RunBelongsToTheKeysTenant()
    {
        using var b = factory.CreateApiClient(TestKeys.OperatorB);

        var runId = await b.StartRunAsync("calculate 5+5");

        var input = JsonNode.Parse((await factory.Durable.GetInstanceAsync(runId, getInputsAndOutputs: true))!.SerializedInput!)!;
        Assert.Equal("tenant-b", input["tenant"]!.GetValue<string>());
    }

    [Fact]
    public async Task TodoRoutes_AnotherTenantsTodo_Answer404AndListsExcludeIt()
    {
        using var a = factory.CreateApiClient(TestKeys.OperatorA);
        using var b = factory.CreateApiClient(TestKeys.OperatorB);
        var created = await a.ApiPostAsync("/api/todos", "{\"title\":\"tenant a's secret plan\"}");
        var id = created.Object["id"]!.ToString();

        var get = await b.ApiGetAsync($"/api/todos/{id}");
        var patch = await b.ApiPatchAsync($"/api/todos/{id}", "{\"done\":true}");
        var complete = await b.ApiPostAsync("/api/todos/complete", $"{{\"ids\":[\"{id}\"]}}");
        var delete = await b.ApiDeleteAsync($"/api/todos/{id}");
        var list = await b.ApiGetAsync("/api/todos?q=secret");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.All(new[] { get, patch, complete, delete }, r => Assert.Equal(HttpStatusCode.NotFound, r.Status));
        Assert.Empty(list.Object["items"]!.AsArray());
        var mine = (await a.ApiGetAsync($"/api/todos/{id}")).Object;
        Assert.False(mine["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ReaderKey_OwnTenantsRun_CanReadIt()
    {
        using var a = factory.CreateApiClient(TestKeys.OperatorA);
        using var reader = factory.CreateApiClient(TestKeys.ReaderA);
        var runId = await a.StartRunAsync("calculate 8+8");
        await factory.CompletionAsync(runId);

        var view = await reader.GetRunAsync(runId);
        var events = await EventStreams.ReadNdjsonAsync(reader, $"/api/runs/{runId}/events");

        Assert.Equal("Completed", view["status"]!.GetValue<string>());
        Assert.Equal("run.completed", events[^1].Type());
    }
}
