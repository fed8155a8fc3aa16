using System.Net;

namespace AgentFlows.Http.Tests.Endpoints;

public sealed class OperationEndpointTests : IClassFixture<ApiFixture>
{
    private readonly ApiHost _host;

    public OperationEndpointTests(ApiFixture fixture)
    {
        _host = fixture.Host;
        _host.Client.Reset();
    }

    public static TheoryData<OrchestrationRuntimeStatus> Terminal => [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    public static TheoryData<OrchestrationRuntimeStatus> Live => [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    [Theory]
    [MemberData(nameof(Live))]
    public async Task RaiseEvent_LiveInstance_Returns202AndDeliversParsedPayload(OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("abc", status);

        using var response = await _host.Http.PostAsync("instances/abc/raiseEvent/Approval", ApiHost.Json("{ \"ok\" : true }"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["RaiseEventAsync abc Approval {\"ok\":true}"], _host.Client.Calls);
    }

    [Fact]
    public async Task RaiseEvent_EmptyBody_DeliversNull()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);

        using var response = await _host.Http.PostAsync("instances/abc/RAISEEVENT/Go", ApiHost.Json(string.Empty));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["RaiseEventAsync abc Go <null>"], _host.Client.Calls);
    }

    [Fact]
    public async Task RaiseEvent_JsonWithCharset_Accepted()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);

        using var response = await _host.Http.PostAsync("instances/abc/raiseEvent/Go", ApiHost.Bytes("1"u8.ToArray(), "Application/JSON; charset=utf-8"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/problem+json")]
    [InlineData(null)]
    public async Task RaiseEvent_NotApplicationJson_Returns400(string? contentType)
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);

        using var response = await _host.Http.PostAsync("instances/abc/raiseEvent/Go", ApiHost.Bytes("1"u8.ToArray(), contentType));

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.UnsupportedContentType);
        Assert.Empty(_host.Client.Calls);
    }

    [Fact]
    public async Task RaiseEvent_InvalidJson_Returns400()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);

        using var response = await _host.Http.PostAsync("instances/abc/raiseEvent/Go", ApiHost.Json("{\"a\":"));

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidJson);
        Assert.Empty(_host.Client.Calls);
    }

    [Fact]
    public async Task RaiseEvent_Unknown_Returns404()
    {
        using var response = await _host.Http.PostAsync("instances/nope/raiseEvent/Go", ApiHost.Json("1"));

        await TestJson.ProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.InstanceNotFound);
    }

    [Theory]
    [MemberData(nameof(Terminal))]
    public async Task RaiseEvent_Terminal_Returns410(OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("abc", status);

        using var response = await _host.Http.PostAsync("instances/abc/raiseEvent/Go", ApiHost.Json("1"));

        await TestJson.ProblemAsync(response, HttpStatusCode.Gone, ProblemTypes.InstanceGone);
    }

    [Fact]
    public async Task RaiseEvent_InstanceEndsAfterTheCheck_Returns410FromTheClientsException()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);
        _host.Client.NextErrors["RaiseEventAsync"] = new OrchestrationStateException("abc", OrchestrationRuntimeStatus.Completed, "raise an event to");

        using var response = await _host.Http.PostAsync("instances/abc/raiseEvent/Go", ApiHost.Json("1"));

        await TestJson.ProblemAsync(response, HttpStatusCode.Gone, ProblemTypes.InstanceGone);
    }

    [Theory]
    [InlineData("terminate", "TerminateInstanceAsync abc \"too slow\"")]
    [InlineData("suspend", "SuspendInstanceAsync abc too slow")]
    [InlineData("resume", "ResumeInstanceAsync abc too slow")]
    [InlineData("Terminate", "TerminateInstanceAsync abc \"too slow\"")]
    [InlineData("SUSPEND", "SuspendInstanceAsync abc too slow")]
    [InlineData("Resume", "ResumeInstanceAsync abc too slow")]
    public async Task Control_LiveInstance_Returns202AndPassesReason(string operation, string expectedCall)
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);

        using var response = await _host.Http.PostAsync($"instances/abc/{operation}?reason=too%20slow", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([expectedCall], _host.Client.Calls);
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("suspend")]
    [InlineData("resume")]
    [InlineData("rewind")]
    public async Task Control_WithoutReason_PassesNull(string operation)
    {
        _host.Client.Add("abc", operation == "rewind" ? OrchestrationRuntimeStatus.Failed : OrchestrationRuntimeStatus.Running);

        using var response = await _host.Http.PostAsync($"instances/abc/{operation}", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.EndsWith(" abc <null>", Assert.Single(_host.Client.Calls), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("suspend")]
    [InlineData("resume")]
    [InlineData("rewind")]
    [InlineData("raiseEvent/Go")]
    public async Task Control_Unknown_Returns404(string operation)
    {
        using var response = await _host.Http.PostAsync($"instances/nope/{operation}", ApiHost.Json("1"));

        await TestJson.ProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.InstanceNotFound);
    }

    [Theory]
    [InlineData("terminate", OrchestrationRuntimeStatus.Completed)]
    [InlineData("terminate", OrchestrationRuntimeStatus.Failed)]
    [InlineData("suspend", OrchestrationRuntimeStatus.Terminated)]
    [InlineData("resume", OrchestrationRuntimeStatus.Canceled)]
    [InlineData("rewind", OrchestrationRuntimeStatus.Completed)]
    [InlineData("rewind", OrchestrationRuntimeStatus.Terminated)]
    [InlineData("rewind", OrchestrationRuntimeStatus.Canceled)]
    public async Task Control_Terminal_Returns410(string operation, OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("abc", status);

        using var response = await _host.Http.PostAsync($"instances/abc/{operation}", null);

        await TestJson.ProblemAsync(response, HttpStatusCode.Gone, ProblemTypes.InstanceGone);
        Assert.Empty(_host.Client.Calls);
    }

    [Fact]
    public async Task Rewind_Failed_Returns202()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Failed);

        using var response = await _host.Http.PostAsync("instances/abc/Rewind?reason=fixed", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["RewindInstanceAsync abc fixed"], _host.Client.Calls);
    }

    [Theory]
    [MemberData(nameof(Live))]
    public async Task Rewind_NotYetTerminal_Returns412(OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("abc", status);

        using var response = await _host.Http.PostAsync("instances/abc/rewind", null);

        await TestJson.ProblemAsync(response, HttpStatusCode.PreconditionFailed, ProblemTypes.InstanceStatusPrecondition);
    }

    [Fact]
    public async Task Rewind_RuntimeWithoutRewind_Returns501()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Failed);
        _host.Client.NextErrors["RewindInstanceAsync"] = new NotImplementedException("This store cannot rewind.");

        using var response = await _host.Http.PostAsync("instances/abc/rewind", null);

        await TestJson.ProblemAsync(response, HttpStatusCode.NotImplemented, ProblemTypes.NotImplemented);
    }

    [Fact]
    public async Task Suspend_RuntimeRefusesInNonTerminalStatus_Returns409()
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);
        _host.Client.NextErrors["SuspendInstanceAsync"] = new OrchestrationStateException("abc", OrchestrationRuntimeStatus.Pending, "suspend");

        using var response = await _host.Http.PostAsync("instances/abc/suspend", null);

        await TestJson.ProblemAsync(response, HttpStatusCode.Conflict, ProblemTypes.InstanceStateConflict);
    }

    [Fact]
    public async Task Restart_DefaultNewId_Returns202CheckStatusForTheNewInstance()
    {
        _host.Client.Add("old", OrchestrationRuntimeStatus.Completed, name: "AgentRun", input: "{\"prompt\":\"hi\"}");

        using var response = await _host.Http.PostAsync("instances/old/restart", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await TestJson.ReadAsync(response);
        var id = body.GetProperty("id").GetString()!;
        Assert.NotEqual("old", id);
        Assert.Equal(9, TestJson.Names(body).Length);
        Assert.Equal(new Uri(body.GetProperty("statusQueryGetUri").GetString()!), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var restarted = _host.Client.Find(id)!;
        Assert.Equal("AgentRun", restarted.Name);
        Assert.Equal("{\"prompt\":\"hi\"}", restarted.SerializedInput);
    }

    [Fact]
    public async Task Restart_SameIdOfTerminalInstance_Returns202ForTheSameId()
    {
        _host.Client.Add("old", OrchestrationRuntimeStatus.Failed, input: "5");

        using var response = await _host.Http.PostAsync("instances/old/RESTART?restartWithNewInstanceId=false", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("old", (await TestJson.ReadAsync(response)).GetProperty("id").GetString());
        Assert.Equal(OrchestrationRuntimeStatus.Pending, _host.Client.Find("old")!.RuntimeStatus);
    }

    [Fact]
    public async Task Restart_SameIdOfRunningInstance_Returns409()
    {
        _host.Client.Add("old", OrchestrationRuntimeStatus.Running);

        using var response = await _host.Http.PostAsync("instances/old/restart?restartWithNewInstanceId=false", null);

        await TestJson.ProblemAsync(response, HttpStatusCode.Conflict, ProblemTypes.InstanceAlreadyExists);
    }

    [Fact]
    public async Task Restart_Unknown_Returns400LikeDurableFunctions()
    {
        using var response = await _host.Http.PostAsync("instances/nope/restart", null);

        var problem = await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidArgument);
        Assert.Equal("InstanceId does not match a valid orchestration instance.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Restart_WithTimeoutAndCompletion_Returns200Output()
    {
        _host.Client.Add("old", OrchestrationRuntimeStatus.Completed, input: "5");
        _host.Client.OnScheduled = id => _host.Client.SetStatus(id, OrchestrationRuntimeStatus.Completed, "25");

        using var response = await _host.Http.PostAsync("instances/old/restart?timeout=5", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("25", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("instances/abc/explode")]
    [InlineData("instances/abc/raiseEvent")]
    [InlineData("instances/abc/raiseEvent/a/b")]
    [InlineData("instances/abc")]
    [InlineData("instances")]
    public async Task Post_UnknownOperation_Returns404(string path)
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Running);

        using var response = await _host.Http.PostAsync(path, ApiHost.Json("1"));

        await TestJson.ProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.RouteNotFound);
        Assert.Empty(_host.Client.Calls);
    }
}
