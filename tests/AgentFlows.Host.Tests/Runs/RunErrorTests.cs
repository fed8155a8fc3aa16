using System.Net;

namespace AgentFlows.Host.Tests.Runs;

/// <summary>
/// Every refused request of the run API answers RFC 9457 problem details with a stable type and leaves the store
/// exactly as it was (instances, their histories and the todos).
/// </summary>
public sealed class RunErrorTests(RunErrorTests.Fixture fixture) : IClassFixture<RunErrorTests.Fixture>
{
    private const string Problems = "https://agentflows.dev/problems/";

    public static TheoryData<string, string, string?, int, string, string> Cases => new()
    {
        { "POST", "/api/runs", "{\"prompt\": \"calculate 1+1\"", 400, "invalid-json", "not valid JSON" },
        { "POST", "/api/runs", "{\"prompt\": 1+1}", 400, "invalid-json", "not valid JSON" },
        { "POST", "/api/runs", "[\"calculate 1+1\"]", 400, "invalid-request", "'body'" },
        { "POST", "/api/runs", "{\"prompt\": 42}", 400, "invalid-request", "'prompt' must be a string" },
        { "POST", "/api/runs", "{\"prompt\": \"calculate 1+1\", \"maxParallelism\": \"8\"}", 400, "invalid-request", "'maxParallelism' must be an integer" },
        { "POST", "/api/runs", "{\"prompt\": \"calculate 1+1\", \"onStepFailure\": \"retry\"}", 400, "invalid-request", "'onStepFailure' must be one of" },
        { "POST", "/api/runs", "{\"prompt\": \"calculate 1+1\", \"sessionId\": {}}", 400, "invalid-request", "'sessionId' must be a string" },
        { "POST", "/api/runs", "{\"prompt\": \"calculate 1+1\", \"runId\": \"a/b\"}", 400, "invalid-request", "'runId' is not a valid run id" },
        { "POST", "/api/runs", "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"tool\": \"calculator\", \"args\": \"2+2\"}]}}", 400, "invalid-request", "'plan.steps[0].args' must be an object" },
        { "POST", "/api/runs", "{}", 400, "invalid-request", "'prompt' is required" },
        { "POST", "/api/runs", "", 400, "invalid-request", "'body' is required" },
        { "POST", "/api/runs", "{\"prompt\": \"calculate 1+1 then fly to the moon\"}", 422, "unplannable-prompt", "\"fly to the moon\"" },
        { "POST", "/api/runs", "{\"prompt\": \"calculate 1+1\", \"planner\": \"llm\"}", 422, "unplannable-prompt", "no LLM is configured" },
        { "POST", "/api/runs", "{\"prompt\": \"p\", \"plan\": {\"steps\": [{\"id\": \"s1\", \"tool\": \"calculator\", \"args\": {\"expression\": \"1\"}}, {\"id\": \"s2\", \"tool\": \"teleport\", \"args\": {}}]}}", 422, "invalid-plan", "step 's2'" },
        { "POST", "/api/runs", "{\"prompt\": \"p\", \"plan\": {\"steps\": [{\"id\": \"s1\", \"tool\": \"calculator\", \"args\": {}, \"dependsOn\": [\"nope\"]}]}}", 422, "invalid-plan", "step 's1'" },
        { "POST", "/api/runs", "{\"prompt\": \"p\", \"runId\": \"{sample}\"}", 409, "run-id-conflict", "HelloCities" },
        { "GET", "/api/runs/unknown-run", null, 404, "run-not-found", "'unknown-run'" },
        { "GET", "/api/runs/{sample}", null, 404, "run-not-found", "No run" },
        { "GET", "/api/runs/unknown-run/events", null, 404, "run-not-found", "'unknown-run'" },
        { "GET", "/api/runs/{done}/events?after=-1", null, 400, "invalid-request", "'after'" },
        { "POST", "/api/runs/unknown-run/cancel", null, 404, "run-not-found", "'unknown-run'" },
        { "POST", "/api/runs/unknown-run/rewind", null, 404, "run-not-found", "'unknown-run'" },
        { "POST", "/api/runs/unknown-run/approve", "{\"decision\": \"skip\"}", 404, "run-not-found", "'unknown-run'" },
        { "DELETE", "/api/runs/unknown-run", null, 404, "run-not-found", "'unknown-run'" },
        { "DELETE", "/api/runs/@entity", null, 404, "run-not-found", "'@entity'" },
        { "POST", "/api/runs/{done}/rewind", null, 409, "run-state-conflict", "only a Failed run can be rewound" },
        { "POST", "/api/runs/{done}/cancel", "{\"reason\": \"late\"}", 409, "run-state-conflict", "already ended" },
        { "POST", "/api/runs/{done}/cancel", "{\"reason\": 5}", 400, "invalid-request", "'reason' must be a string" },
        { "POST", "/api/runs/{done}/approve", "{\"decision\": \"skip\"}", 409, "run-state-conflict", "WaitingForApproval" },
        { "POST", "/api/runs/{done}/approve", "{\"decision\": \"maybe\"}", 400, "invalid-request", "'decision' must be one of" },
        { "POST", "/api/runs/{done}/approve", "{\"note\": \"no decision\"}", 400, "invalid-request", "'decision' is required" },
        { "GET", "/api/runs?top=501", null, 400, "invalid-request", "'top'" },
        { "GET", "/api/runs?status=Sleeping", null, 400, "invalid-request", "'status'" },
        { "GET", "/api/runs?createdFrom=yesterday", null, 400, "invalid-request", "'createdFrom'" },
        { "GET", "/api/runs?continuationToken=%25%25", null, 400, "invalid-request", "'continuationToken'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_Refused_AnswersProblemAndLeavesStoreUnchanged(string method, string path, string? body, int status, string type, string detail)
    {
        path = path.Replace("{done}", fixture.CompletedRunId, StringComparison.Ordinal).Replace("{sample}", fixture.SampleId, StringComparison.Ordinal);
        body = body?.Replace("{sample}", fixture.SampleId, StringComparison.Ordinal);
        var before = await StoreSnapshot.TakeAsync(fixture.Host, fixture.Http);

        var response = await fixture.Http.ApiSendAsync(new HttpMethod(method), path, body);

        Assert.True((int)response.Status == status, response.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(Problems + type, response.ProblemType);
        Assert.Contains(detail, response.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Host, fixture.Http));
    }

    [Fact]
    public async Task PostRun_TenMegabyteBody_Is413AndLeavesStoreUnchanged()
    {
        var before = await StoreSnapshot.TakeAsync(fixture.Host, fixture.Http);
        var prompt = new string('x', 10 * 1024 * 1024);

        var response = await fixture.Http.ApiPostAsync("/api/runs", "{\"prompt\":\"" + prompt + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(Problems + "payload-too-large", response.ProblemType);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Host, fixture.Http));
    }

    [Fact]
    public async Task PostRun_TenMegabyteChunkedBody_Is413AndLeavesStoreUnchanged()
    {
        var before = await StoreSnapshot.TakeAsync(fixture.Host, fixture.Http);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs")
        {
            Content = new StreamContent(new MemoryStream(new byte[10 * 1024 * 1024])),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await fixture.Http.ApiSendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Host, fixture.Http));
    }

    /// <summary>One host with a completed run and an instance of another orchestration.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public AgentFlowsFactory Host { get; } = new();

        public HttpClient Http { get; private set; } = null!;

        public string CompletedRunId { get; private set; } = string.Empty;

        public string SampleId { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            Http = Host.CreateApiClient();
            CompletedRunId = await Http.StartRunAsync("calculate 1+1 then add a todo \"fixture todo\"");
            await Host.CompletionAsync(CompletedRunId);
            SampleId = await Host.Durable.ScheduleNewOrchestrationInstanceAsync("HelloCities", new[] { "Oslo" });
            await Host.CompletionAsync(SampleId);
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
        }
    }
}
