using System.Net;
using System.Text.Json;

namespace AgentFlows.Http.Tests.Endpoints;

public sealed class ListEndpointTests : IClassFixture<ApiFixture>
{
    private const string TokenHeader = "x-ms-continuation-token";
    private static readonly DateTimeOffset _t0 = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly ApiHost _host;

    public ListEndpointTests(ApiFixture fixture)
    {
        _host = fixture.Host;
        _host.Client.Reset();
    }

    [Theory]
    [InlineData("instances")]
    [InlineData("instances/")]
    public async Task List_BothRoutes_Return200ArrayOfStatusObjectsWithoutHistory(string path)
    {
        _host.Client.Add("a", OrchestrationRuntimeStatus.Running, input: "1", createdAt: _t0);
        _host.Client.Add("b", OrchestrationRuntimeStatus.Completed, input: "2", output: "3", createdAt: _t0.AddHours(1));

        using var response = await _host.Http.GetAsync(path + "?showHistory=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await TestJson.ReadAsync(response)).EnumerateArray().ToList();
        Assert.Equal(["b", "a"], items.Select(i => i.GetProperty("instanceId").GetString()));
        Assert.All(items, i => Assert.Equal(
            ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"], TestJson.Names(i)));
        Assert.Equal("2024-01-02T01:00:00Z", items[0].GetProperty("createdTime").GetString());
        Assert.Equal(3, items[0].GetProperty("output").GetInt32());
    }

    [Fact]
    public async Task List_Empty_Returns200EmptyArrayWithoutToken()
    {
        using var response = await _host.Http.GetAsync("instances");

        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains(TokenHeader));
    }

    [Fact]
    public async Task List_Paged_TokenOnlyWhileMorePagesFollow()
    {
        for (var i = 0; i < 5; i++)
        {
            _host.Client.Add($"i{i}", OrchestrationRuntimeStatus.Completed, createdAt: _t0.AddMinutes(i));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "instances/?top=2");
            if (token is not null)
            {
                request.Headers.Add(TokenHeader, token);
            }

            using var response = await _host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await TestJson.ReadAsync(response)).EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues(TokenHeader, out var values) ? values.Single() : null;
            Assert.True(token is null || token.Length > 0);
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["i4", "i3", "i2", "i1", "i0"], seen);
    }

    [Fact]
    public async Task List_EmptyTokenHeader_TreatedAsFirstPage()
    {
        _host.Client.Add("a", OrchestrationRuntimeStatus.Running);
        using var request = new HttpRequestMessage(HttpMethod.Get, "instances");
        request.Headers.TryAddWithoutValidation(TokenHeader, string.Empty);

        using var response = await _host.Http.SendAsync(request);

        Assert.Single((await TestJson.ReadAsync(response)).EnumerateArray());
    }

    [Fact]
    public async Task List_InvalidToken_Returns400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "instances");
        request.Headers.Add(TokenHeader, "not-a-token!");

        using var response = await _host.Http.SendAsync(request);

        await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidArgument);
    }

    [Theory]
    [InlineData("runtimeStatus=Running,Failed", new[] { "f", "r" })]
    [InlineData("runtimeStatus=Running&runtimeStatus=Failed", new[] { "f", "r" })]
    [InlineData("runtimeStatus=Completed", new[] { "c" })]
    [InlineData("runtimeStatus=1", new[] { "c" })]
    [InlineData("runtimeStatus=running", new[] { "f", "c", "r" })]
    [InlineData("runtimeStatus=Bogus,Failed", new[] { "f" })]
    [InlineData("runtimeStatus=", new[] { "f", "c", "r" })]
    public async Task List_RuntimeStatus_FiltersLikeDurableFunctions(string query, string[] expected)
    {
        _host.Client.Add("r", OrchestrationRuntimeStatus.Running, createdAt: _t0);
        _host.Client.Add("c", OrchestrationRuntimeStatus.Completed, createdAt: _t0.AddMinutes(1));
        _host.Client.Add("f", OrchestrationRuntimeStatus.Failed, createdAt: _t0.AddMinutes(2));

        var items = await IdsAsync("instances?" + query);

        Assert.Equal(expected, items);
    }

    [Theory]
    [InlineData("createdTimeFrom=2024-01-02T00:30:00Z", new[] { "late" })]
    [InlineData("createdTimeTo=2024-01-02T00:30:00Z", new[] { "early" })]
    [InlineData("createdTimeFrom=2024-01-02T00:00:00&createdTimeTo=2024-01-02T02:00:00", new[] { "late", "early" })]
    [InlineData("createdTimeFrom=2024-01-02T01:30:00%2B01:00", new[] { "late" })]
    [InlineData("createdTimeFrom=garbage", new[] { "late", "early" })]
    public async Task List_CreatedTimeRange_Filters(string query, string[] expected)
    {
        _host.Client.Add("early", OrchestrationRuntimeStatus.Completed, createdAt: _t0);
        _host.Client.Add("late", OrchestrationRuntimeStatus.Completed, createdAt: _t0.AddHours(1));

        Assert.Equal(expected, await IdsAsync("instances?" + query));
    }

    [Fact]
    public async Task List_InstanceIdPrefix_Filters()
    {
        _host.Client.Add("run-1", OrchestrationRuntimeStatus.Running);
        _host.Client.Add("other", OrchestrationRuntimeStatus.Running);

        Assert.Equal(["run-1"], await IdsAsync("instances?instanceIdPrefix=run-"));
    }

    [Fact]
    public async Task List_ShowInputFalse_InputsAreNull()
    {
        _host.Client.Add("a", OrchestrationRuntimeStatus.Completed, input: "{\"x\":1}", output: "2");

        var item = (await TestJson.ReadAsync(await _host.Http.GetAsync("instances?showInput=false"))).EnumerateArray().Single();

        Assert.Equal(JsonValueKind.Null, item.GetProperty("input").ValueKind);
        Assert.Equal(2, item.GetProperty("output").GetInt32());
    }

    [Theory]
    [InlineData("top=0", 100)]
    [InlineData("top=-5", 100)]
    [InlineData("top=abc", 100)]
    [InlineData("top=1000000", 120)]
    [InlineData("top=7", 7)]
    public async Task List_Top_DefaultsAndCaps(string query, int expected)
    {
        for (var i = 0; i < 120; i++)
        {
            _host.Client.Add($"i{i:D3}", OrchestrationRuntimeStatus.Completed, createdAt: _t0.AddSeconds(i));
        }

        Assert.Equal(expected, (await IdsAsync("instances?" + query)).Length);
    }

    private async Task<string[]> IdsAsync(string path)
    {
        using var response = await _host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await TestJson.ReadAsync(response)).EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!).ToArray();
    }
}
