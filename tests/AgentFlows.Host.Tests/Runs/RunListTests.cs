using System.Net;

namespace AgentFlows.Host.Tests.Runs;

/// <summary><c>GET /api/runs</c>: filters, counts and continuation, over runs only.</summary>
public sealed class RunListTests(RunListTests.Fixture fixture) : IClassFixture<RunListTests.Fixture>
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task List_NoFilter_ListsRunsOnlyNewestFirst()
    {
        var page = (await Http.ApiGetAsync("/api/runs")).Object;

        var ids = Ids(page);
        Assert.Equal(fixture.RunIds.AsEnumerable().Reverse(), ids);
        Assert.Equal(4, page["totalCount"]!.GetValue<int>());
        Assert.Null(page["continuationToken"]);
        Assert.DoesNotContain(fixture.SampleId, ids);
    }

    [Theory]
    [InlineData("status=Completed", new[] { 0, 2 })]
    [InlineData("status=failed,Canceled", new[] { 1, 3 })]
    [InlineData("q=SQRT", new[] { 0 })]
    [InlineData("tool=todo.complete", new[] { 1 })]
    [InlineData("tool=calculator&sessionId=s-2", new[] { 2 })]
    [InlineData("sessionId=s-1", new[] { 0, 1 })]
    [InlineData("status=Running", new int[0])]
    public async Task List_Filter_ReturnsTheMatchingRunsAndCountsThem(string query, int[] expected)
    {
        var page = (await Http.ApiGetAsync("/api/runs?" + query)).Object;

        Assert.Equal(expected.Select(i => fixture.RunIds[i]).Reverse(), Ids(page));
        Assert.Equal(expected.Length, page["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_CreatedWindow_NarrowsToRunsCreatedInIt()
    {
        var first = await Http.GetRunAsync(fixture.RunIds[1]);
        var from = Uri.EscapeDataString(first["createdAt"]!.GetValue<DateTimeOffset>().ToString("O"));

        var page = (await Http.ApiGetAsync("/api/runs?createdFrom=" + from)).Object;

        Assert.Equal(fixture.RunIds.Skip(1).Reverse(), Ids(page));
    }

    [Fact]
    public async Task List_TopWithContinuation_PagesThroughEveryRunOnce()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = (await Http.ApiGetAsync("/api/runs?top=3" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)))).Object;
            Assert.Equal(4, page["totalCount"]!.GetValue<int>());
            seen.AddRange(Ids(page));
            token = page["continuationToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(2, pages);
        Assert.Equal(fixture.RunIds.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task List_Items_CarryStatusPromptToolsAndResult()
    {
        var page = (await Http.ApiGetAsync("/api/runs?q=sqrt")).Object;

        var item = page["items"]![0]!.AsObject();
        Assert.Equal("Completed", item["status"]!.GetValue<string>());
        Assert.Equal("s-1", item["sessionId"]!.GetValue<string>());
        Assert.Equal("pattern", item["planner"]!.GetValue<string>());
        Assert.Equal(["calculator"], item["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(4, item["result"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.OK, (await Http.ApiGetAsync("/api/runs?top=500")).Status);
    }

    private static List<string> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => i!["runId"]!.GetValue<string>()).ToList();

    /// <summary>Four runs (completed, failed, completed, canceled) and one instance of another orchestration.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public AgentFlowsFactory Host { get; } = new();

        public HttpClient Http { get; private set; } = null!;

        public List<string> RunIds { get; } = [];

        public string SampleId { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            Http = Host.CreateApiClient();
            await StartAsync(new JsonObject { ["prompt"] = "calculate sqrt(16)", ["sessionId"] = "s-1" });
            await StartAsync(new JsonObject { ["prompt"] = "complete todo \"no such todo\"", ["sessionId"] = "s-1" });
            await StartAsync(new JsonObject { ["prompt"] = "calculate 2+2 then add a todo \"listed\"", ["sessionId"] = "s-2" });
            var waiting = await Http.StartRunAsync("wait 1 hours");
            RunIds.Add(waiting);
            await Host.UntilAsync(waiting, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
            await Http.ApiPostAsync($"/api/runs/{waiting}/cancel", null);
            await Host.CompletionAsync(waiting);
            SampleId = await Host.Durable.ScheduleNewOrchestrationInstanceAsync("HelloCities", new[] { "Oslo" });
            await Host.CompletionAsync(SampleId);
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
        }

        private async Task StartAsync(JsonObject body)
        {
            var id = await Http.StartRunAsync(body);
            RunIds.Add(id);
            await Host.CompletionAsync(id);
        }
    }
}
