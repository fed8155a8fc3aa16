using System.Net;
using System.Text.Json;
using AgentFlows.History;

namespace AgentFlows.Http.Tests.Endpoints;

public sealed class StatusEndpointTests : IClassFixture<ApiFixture>
{
    private static readonly DateTime _t0 = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private readonly ApiHost _host;

    public StatusEndpointTests(ApiFixture fixture)
    {
        _host = fixture.Host;
        _host.Client.Reset();
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    [InlineData(OrchestrationRuntimeStatus.ContinuedAsNew)]
    public async Task Get_NonTerminal_Returns202WithLocationOfThisRequestAndRetryAfter5(OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("abc", status);

        using var response = await _host.Http.GetAsync("instances/abc?showInput=true&code=k");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri($"{_host.BaseUrl}/instances/abc?showInput=true&code=k"), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal(status.ToString(), (await TestJson.ReadAsync(response)).GetProperty("runtimeStatus").GetString());
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    [InlineData(OrchestrationRuntimeStatus.Canceled)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    public async Task Get_Terminal_Returns200WithoutLocation(OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("abc", status);

        using var response = await _host.Http.GetAsync("instances/abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Get_Completed_WritesExactStatusJson()
    {
        _host.Client.Add(
            "abc",
            OrchestrationRuntimeStatus.Completed,
            input: "{\"city\":\"Tokyo\"}",
            output: "\"Hello Tokyo!\"",
            customStatus: "{\"step\":2}",
            createdAt: new DateTimeOffset(2024, 1, 2, 3, 4, 5, 987, TimeSpan.Zero));

        using var response = await _host.Http.GetAsync("instances/abc");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await TestJson.ReadAsync(response);
        Assert.Equal(["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"], TestJson.Names(body));
        TestJson.Equal(
            """
            { "name": "Hello", "instanceId": "abc", "runtimeStatus": "Completed", "input": { "city": "Tokyo" }, "customStatus": { "step": 2 },
              "output": "Hello Tokyo!", "createdTime": "2024-01-02T03:04:05Z", "lastUpdatedTime": "2024-01-02T03:04:06Z" }
            """,
            System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText()));
    }

    [Fact]
    public async Task Get_NoPayloads_WritesNullFields()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);

        var body = await TestJson.ReadAsync(await _host.Http.GetAsync("instances/abc"));

        Assert.Equal(JsonValueKind.Null, body.GetProperty("input").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("customStatus").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("output").ValueKind);
        Assert.False(body.TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public async Task Get_Unknown_Returns404WithEmptyBody()
    {
        using var response = await _host.Http.GetAsync("instances/missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_FailedWithReturnInternalServerErrorOnFailure_Returns500StatusObject()
    {
        _host.Client.Add("f", OrchestrationRuntimeStatus.Failed, failure: new FailureDetails("System.Exception", "bad"));

        using var response = await _host.Http.GetAsync("instances/f?returnInternalServerErrorOnFailure=true");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await TestJson.ReadAsync(response);
        Assert.Equal("Failed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("System.Exception: bad", body.GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("returnInternalServerErrorOnFailure=false")]
    [InlineData("returnInternalServerErrorOnFailure=yes")]
    [InlineData("")]
    public async Task Get_FailedWithoutTheFlag_Returns200(string query)
    {
        _host.Client.Add("f", OrchestrationRuntimeStatus.Failed, failure: new FailureDetails("System.Exception", "bad"));

        using var response = await _host.Http.GetAsync("instances/f?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_CompletedWithReturnInternalServerErrorOnFailure_Returns200()
    {
        _host.Client.Add("c", OrchestrationRuntimeStatus.Completed);

        using var response = await _host.Http.GetAsync("instances/c?returnInternalServerErrorOnFailure=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("showInput=false")]
    [InlineData("SHOWINPUT=False")]
    public async Task Get_ShowInputFalse_InputIsNull(string query)
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Completed, input: "42", output: "43");

        var body = await TestJson.ReadAsync(await _host.Http.GetAsync("instances/abc?" + query));

        Assert.Equal(JsonValueKind.Null, body.GetProperty("input").ValueKind);
        Assert.Equal(43, body.GetProperty("output").GetInt32());
    }

    [Fact]
    public async Task Get_ShowHistory_AppendsShapedHistoryEventsLast()
    {
        _host.Client.Add("h", OrchestrationRuntimeStatus.Completed, input: "\"in\"", output: "\"out\"", history: Sequence());

        var body = await TestJson.ReadAsync(await _host.Http.GetAsync("instances/h?showHistory=true"));

        Assert.Equal("historyEvents", TestJson.Names(body)[^1]);
        TestJson.Equal(
            """
            [
              { "EventType": "ExecutionStarted", "FunctionName": "Hello", "Input": "\"in\"", "Timestamp": "2024-01-02T03:04:05Z" },
              { "EventType": "TaskCompleted", "FunctionName": "SayHello", "Input": "\"in\"", "ScheduledTime": "2024-01-02T03:04:05Z", "Timestamp": "2024-01-02T03:04:06Z" },
              { "EventType": "ExecutionCompleted", "OrchestrationStatus": "Completed", "Timestamp": "2024-01-02T03:04:07Z" }
            ]
            """,
            System.Text.Json.Nodes.JsonNode.Parse(body.GetProperty("historyEvents").GetRawText()));
    }

    [Fact]
    public async Task Get_ShowHistoryOutputAndNoInput_ResultsWithoutInputs()
    {
        _host.Client.Add("h", OrchestrationRuntimeStatus.Completed, history: Sequence());

        var body = await TestJson.ReadAsync(await _host.Http.GetAsync("instances/h?showHistory=true&showHistoryOutput=true&showInput=false"));

        var rows = body.GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Equal("out", rows[1].GetProperty("Result").GetString());
        Assert.Equal("out", rows[2].GetProperty("Result").GetString());
        Assert.All(rows, row => Assert.False(row.TryGetProperty("Input", out _)));
    }

    [Fact]
    public async Task Get_ShowHistoryForPending_LeavesHistoryOutLikeDurableFunctions()
    {
        _host.Client.Add("p", OrchestrationRuntimeStatus.Pending);

        var body = await TestJson.ReadAsync(await _host.Http.GetAsync("instances/p?showHistory=true"));

        Assert.False(body.TryGetProperty("historyEvents", out _));
    }

    [Theory]
    [InlineData("instances/a%5Cb")]
    [InlineData("instances/%40entity")]
    [InlineData("instances/a%2Fb")]
    public async Task Get_InvalidId_Returns400(string path)
    {
        using var response = await _host.Http.GetAsync(path);

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidArgument);
    }

    [Fact]
    public async Task Get_TrailingSlash_SameAsWithout()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Completed);

        using var response = await _host.Http.GetAsync("instances/abc/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_HistoryVanishesMeanwhile_Returns404Problem()
    {
        _host.Client.Add("gone", OrchestrationRuntimeStatus.Completed);
        _host.Client.NextErrors["GetOrchestrationHistoryAsync"] = new OrchestrationNotFoundException("gone");

        using var response = await _host.Http.GetAsync("instances/gone?showHistory=true");

        await TestJson.ProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.InstanceNotFound);
    }

    [Fact]
    public async Task Get_UnexpectedRuntimeError_Returns500ProblemWithoutDetails()
    {
        _host.Client.NextErrors["GetInstanceAsync"] = new InvalidOperationException("secret connection string");

        using var response = await _host.Http.GetAsync("instances/any");

        var problem = await TestJson.ProblemAsync(response, HttpStatusCode.InternalServerError, ProblemTypes.InternalError);
        Assert.DoesNotContain("secret", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static HistoryEvent[] Sequence() =>
    [
        new() { EventType = EventType.OrchestratorStarted, Timestamp = _t0 },
        new() { EventType = EventType.ExecutionStarted, Timestamp = _t0, Name = "Hello", Input = "\"in\"" },
        new() { EventType = EventType.TaskScheduled, Timestamp = _t0, EventId = 0, Name = "SayHello", Input = "\"in\"" },
        new() { EventType = EventType.OrchestratorCompleted, Timestamp = _t0 },
        new() { EventType = EventType.TaskCompleted, Timestamp = _t0.AddSeconds(1), TaskScheduledId = 0, Result = "\"out\"" },
        new() { EventType = EventType.ExecutionCompleted, Timestamp = _t0.AddSeconds(2), OrchestrationStatus = OrchestrationRuntimeStatus.Completed, Result = "\"out\"" },
    ];
}
