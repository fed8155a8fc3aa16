using System.Net;
using System.Text.Json;

namespace AgentFlows.Http.Tests.Endpoints;

public sealed class StartEndpointTests : IClassFixture<ApiFixture>
{
    private readonly ApiHost _host;

    public StartEndpointTests(ApiFixture fixture)
    {
        _host = fixture.Host;
        _host.Client.Reset();
    }

    [Fact]
    public async Task Start_WithoutId_Returns202CheckStatusPayloadAndHeaders()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello", ApiHost.Json("{\"city\":\"Tokyo\"}"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await TestJson.ReadAsync(response);
        Assert.Equal(
            ["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "rewindPostUri", "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri"],
            TestJson.Names(body));
        var id = body.GetProperty("id").GetString()!;
        var status = $"{_host.BaseUrl}/instances/{id}?taskHub=AgentFlows&connection=AgentFlowsStorage";
        Assert.Equal(status, body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(new Uri(status), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Equal("{\"city\":\"Tokyo\"}", _host.Client.Find(id)!.SerializedInput);
    }

    [Fact]
    public async Task Start_WithId_UsesTheIdAndEncodesItInUris()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/order%20one", ApiHost.Json("1"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await TestJson.ReadAsync(response);
        Assert.Equal("order one", body.GetProperty("id").GetString());
        Assert.StartsWith($"{_host.BaseUrl}/instances/order%20one/raiseEvent/{{eventName}}?", body.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", _host.Client.Find("order one")!.SerializedInput);
    }

    [Fact]
    public async Task Start_TrailingSlashWithoutId_GeneratesId()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, _host.Client.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    [InlineData("null")]
    public async Task Start_EmptyOrNullBody_StartsWithNullInput(string body)
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/empty", ApiHost.Json(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(_host.Client.Find("empty")!.SerializedInput);
    }

    [Fact]
    public async Task Start_BodyWithoutContentType_IsStillParsedAsJson()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/plain", ApiHost.Bytes("\"x\""u8.ToArray(), contentType: null));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("\"x\"", _host.Client.Find("plain")!.SerializedInput);
    }

    [Fact]
    public async Task Start_Utf8ByteOrderMark_IsIgnored()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/bom", ApiHost.Bytes([0xEF, 0xBB, 0xBF, (byte)'[', (byte)']']));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("[]", _host.Client.Find("bom")!.SerializedInput);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{'a':1}")]
    [InlineData("[1,]")]
    [InlineData("{} {}")]
    [InlineData("undefined")]
    [InlineData("// comment\n1")]
    public async Task Start_InvalidJson_Returns400AndStartsNothing(string body)
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello", ApiHost.Json(body));

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidJson);
        Assert.Equal(0, _host.Client.Count);
    }

    [Fact]
    public async Task Start_TooDeepJson_Returns400()
    {
        var body = new string('[', 100) + new string(']', 100);

        using var response = await _host.Http.PostAsync("orchestrators/Hello", ApiHost.Json(body));

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidJson);
    }

    [Fact]
    public async Task Start_UnknownOrchestrator_Returns400()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Nope", ApiHost.Json("1"));

        var problem = await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidArgument);
        Assert.Contains("Nope", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orchestrators/Hello/%40entity")]
    [InlineData("orchestrators/Hello/a%5Cb")]
    [InlineData("orchestrators/Hello/a%2Fb")]
    [InlineData("orchestrators/Hello/a%2fb")]
    [InlineData("orchestrators/Hello/a%3Fb")]
    [InlineData("orchestrators/Hello/a%23b")]
    [InlineData("orchestrators/Hello/a%01b")]
    public async Task Start_InvalidInstanceId_Returns400AndStartsNothing(string path)
    {
        using var response = await _host.Http.PostAsync(path, ApiHost.Json("1"));

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidArgument);
        Assert.Equal(0, _host.Client.Count);
    }

    [Fact]
    public async Task Start_IdOfMaxLengthPlusOne_Returns400()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/" + new string('x', InstanceIds.MaxLength + 1), null);

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidArgument);
    }

    [Fact]
    public async Task Start_IdWithEncodedPercent_IsTheLiteralId()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/a%252Fb", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(_host.Client.Find("a%2Fb"));
        Assert.Contains("/instances/a%252Fb?", (await TestJson.ReadAsync(response)).GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task Start_ExistingNonTerminalId_Returns409(OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("dup", status, input: "\"old\"");

        using var response = await _host.Http.PostAsync("orchestrators/Hello/dup", ApiHost.Json("\"new\""));

        await TestJson.ProblemAsync(response, HttpStatusCode.Conflict, ProblemTypes.InstanceAlreadyExists);
        Assert.Equal("\"old\"", _host.Client.Find("dup")!.SerializedInput);
    }

    [Fact]
    public async Task Start_ExistingTerminalId_ReplacesIt()
    {
        _host.Client.Add("again", OrchestrationRuntimeStatus.Completed, input: "\"old\"");

        using var response = await _host.Http.PostAsync("orchestrators/Hello/again", ApiHost.Json("\"new\""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("\"new\"", _host.Client.Find("again")!.SerializedInput);
    }

    [Fact]
    public async Task Start_InputOverTheRuntimeLimit_Returns413()
    {
        _host.Client.MaxPayloadBytes = 10;

        using var response = await _host.Http.PostAsync("orchestrators/Hello", ApiHost.Json("\"0123456789abcdef\""));

        await TestJson.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    [Fact]
    public async Task Start_WaitAndCompleted_Returns200WithRawOutput()
    {
        _host.Client.OnScheduled = id => _host.Client.SetStatus(id, OrchestrationRuntimeStatus.Completed, "{\"sum\":3}");

        using var response = await _host.Http.PostAsync("orchestrators/Hello?timeout=5&pollingInterval=1", ApiHost.Json("1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        TestJson.Equal("{\"sum\":3}", System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Start_WaitCompletesWhileWaiting_Returns200()
    {
        _host.Client.OnWaiting = id => _host.Client.SetStatus(id, OrchestrationRuntimeStatus.Completed, "\"late\"");

        using var response = await _host.Http.PostAsync("orchestrators/Hello/waited?timeout=30", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"late\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_WaitAndFailed_Returns200StatusObject()
    {
        _host.Client.OnScheduled = id => _host.Client.SetStatus(id, OrchestrationRuntimeStatus.Failed, failure: new FailureDetails("Boom", "it broke"));

        using var response = await _host.Http.PostAsync("orchestrators/Hello/f?timeout=5", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestJson.ReadAsync(response);
        Assert.Equal("Failed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Boom: it broke", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Start_WaitAndFailedWithReturnInternalServerErrorOnFailure_Returns500StatusObject()
    {
        _host.Client.OnScheduled = id => _host.Client.SetStatus(id, OrchestrationRuntimeStatus.Failed, failure: new FailureDetails("Boom", "it broke"));

        using var response = await _host.Http.PostAsync("orchestrators/Hello/f?timeout=5&returnInternalServerErrorOnFailure=true", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Failed", (await TestJson.ReadAsync(response)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Start_WaitAndTerminated_Returns200StatusObjectWithReason()
    {
        _host.Client.OnScheduled = id => _host.Client.SetStatus(id, OrchestrationRuntimeStatus.Terminated, "\"enough\"");

        using var response = await _host.Http.PostAsync("orchestrators/Hello/t?timeout=5", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestJson.ReadAsync(response);
        Assert.Equal("Terminated", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("enough", body.GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("timeout=0.05")]
    [InlineData("timeout=0")]
    [InlineData("timeout=-3")]
    [InlineData("timeout=NaN")]
    public async Task Start_WaitTimesOut_Returns202CheckStatus(string query)
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/slow?" + query, null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("slow", (await TestJson.ReadAsync(response)).GetProperty("id").GetString());
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Start_UnparseableTimeout_IgnoredLikeDurableFunctions()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello?timeout=soon", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Start_ReturnInternalServerErrorOnFailure_AddedToStatusUri()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/r?returnInternalServerErrorOnFailure=true", null);

        var body = await TestJson.ReadAsync(response);
        Assert.EndsWith("&returnInternalServerErrorOnFailure=true", body.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TaskHubAndConnectionQuery_AreAcceptedAndIgnored()
    {
        using var response = await _host.Http.PostAsync("orchestrators/Hello/h?taskHub=Other&connection=Else", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("taskHub=AgentFlows&connection=AgentFlowsStorage", (await TestJson.ReadAsync(response)).GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_JsonInputOfEveryKind_StoredAsJson()
    {
        foreach (var (id, json) in new[] { ("s", "\"text\""), ("n", "-1.5e3"), ("b", "true"), ("a", "[1,{\"x\":null}]"), ("o", "{\"ünï\":\"☃\"}") })
        {
            using var response = await _host.Http.PostAsync("orchestrators/Hello/" + id, ApiHost.Json(json));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(json).RootElement, JsonDocument.Parse(_host.Client.Find(id)!.SerializedInput!).RootElement));
        }
    }
}
