using System.Net;

namespace AgentFlows.Http.Tests.Endpoints;

public sealed class PurgeEndpointTests : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset _t0 = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly ApiHost _host;

    public PurgeEndpointTests(ApiFixture fixture)
    {
        _host = fixture.Host;
        _host.Client.Reset();
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task Purge_Terminal_Returns200InstancesDeleted1(OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("abc", status);

        using var response = await _host.Http.DeleteAsync("instances/abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"instancesDeleted\":1}", await response.Content.ReadAsStringAsync());
        Assert.Null(_host.Client.Find("abc"));
    }

    [Fact]
    public async Task Purge_Unknown_Returns404()
    {
        using var response = await _host.Http.DeleteAsync("instances/nope");

        await TestJson.ProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.InstanceNotFound);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task Purge_NotTerminal_Returns412AndKeepsTheInstance(OrchestrationRuntimeStatus status)
    {
        _host.Client.Add("abc", status);

        using var response = await _host.Http.DeleteAsync("instances/abc");

        await TestJson.ProblemAsync(response, HttpStatusCode.PreconditionFailed, ProblemTypes.InstanceStatusPrecondition);
        Assert.NotNull(_host.Client.Find("abc"));
    }

    [Fact]
    public async Task Purge_InvalidId_Returns400()
    {
        using var response = await _host.Http.DeleteAsync("instances/%40x");

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidArgument);
    }

    [Theory]
    [InlineData("instances")]
    [InlineData("instances/")]
    [InlineData("instances?createdTimeFrom=")]
    [InlineData("instances?createdTimeFrom=yesterday")]
    public async Task PurgeMany_WithoutCreatedTimeFrom_Returns400WithDurableFunctionsMessage(string path)
    {
        _host.Client.Add("abc", OrchestrationRuntimeStatus.Completed);

        using var response = await _host.Http.DeleteAsync(path);

        var problem = await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.MissingParameter);
        Assert.Equal("Please provide value for 'createdTimeFrom' parameter.", problem.GetProperty("detail").GetString());
        Assert.Equal(1, _host.Client.Count);
    }

    [Theory]
    [InlineData("instances?createdTimeFrom=2024-01-01T00:00:00Z")]
    [InlineData("instances/?createdTimeFrom=2024-01-01T00:00:00Z")]
    public async Task PurgeMany_Matches_Returns200CountOfTerminalOnly(string path)
    {
        _host.Client.Add("c", OrchestrationRuntimeStatus.Completed, createdAt: _t0);
        _host.Client.Add("f", OrchestrationRuntimeStatus.Failed, createdAt: _t0);
        _host.Client.Add("r", OrchestrationRuntimeStatus.Running, createdAt: _t0);

        using var response = await _host.Http.DeleteAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"instancesDeleted\":2}", await response.Content.ReadAsStringAsync());
        Assert.NotNull(_host.Client.Find("r"));
    }

    [Fact]
    public async Task PurgeMany_PassesRangeAndStatuses()
    {
        _host.Client.Add("c", OrchestrationRuntimeStatus.Completed, createdAt: _t0);
        _host.Client.Add("f", OrchestrationRuntimeStatus.Failed, createdAt: _t0);

        using var response = await _host.Http.DeleteAsync(
            "instances?createdTimeFrom=2024-01-01T00:00:00Z&createdTimeTo=2024-01-03T00:00:00Z&runtimeStatus=Failed,Nonsense");

        Assert.Equal("{\"instancesDeleted\":1}", await response.Content.ReadAsStringAsync());
        Assert.Equal("PurgeAllInstancesAsync 2024-01-01T00:00:00.0000000+00:00 2024-01-03T00:00:00.0000000+00:00 Failed", Assert.Single(_host.Client.Calls));
    }

    [Fact]
    public async Task PurgeMany_NothingMatched_Returns404()
    {
        _host.Client.Add("c", OrchestrationRuntimeStatus.Completed, createdAt: _t0);

        using var response = await _host.Http.DeleteAsync("instances?createdTimeFrom=2030-01-01T00:00:00Z");

        await TestJson.ProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NoInstancesPurged);
    }

    [Fact]
    public async Task PurgeMany_PythonStyleShortYear_IsPadded()
    {
        _host.Client.Add("c", OrchestrationRuntimeStatus.Completed, createdAt: _t0);

        using var response = await _host.Http.DeleteAsync("instances?createdTimeFrom=1-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
