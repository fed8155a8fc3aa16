using System.Net;

namespace AgentFlows.Host.Tests.Security;

/// <summary>API keys and roles: who may call which route, and how a refusal reads.</summary>
public sealed class AccessTests(KeyedFactory factory) : IClassFixture<KeyedFactory>
{
    private const string Unauthorized = "https://agentflows.dev/problems/unauthorized";
    private const string Forbidden = "https://agentflows.dev/problems/forbidden";

    [Theory]
    [InlineData("GET", "/api/runs")]
    [InlineData("POST", "/api/runs")]
    [InlineData("GET", "/api/runs/some-run/events")]
    [InlineData("DELETE", "/api/runs/some-run")]
    [InlineData("GET", "/api/todos")]
    [InlineData("GET", "/api/tools")]
    [InlineData("POST", "/api/todos")]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/api/nothing-here")]
    public async Task AnyRoute_NoKey_Answers401Problem(string method, string path)
    {
        using var http = factory.CreateApiClient();

        var response = await http.ApiSendAsync(new HttpMethod(method), path, method == "GET" ? null : "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(Unauthorized, response.ProblemType);
        Assert.Contains("x-api-key", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/runs")]
    [InlineData("/runtime/webhooks/durabletask/instances")]
    public async Task AnyRoute_InvalidKey_Answers401Problem(string path)
    {
        using var http = factory.CreateApiClient("not-a-configured-key-1234");

        var response = await http.ApiGetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(Unauthorized, response.ProblemType);
        Assert.Equal("The API key is not valid.", response.Detail);
    }

    [Fact]
    public async Task Healthz_NoKey_IsServed()
    {
        using var http = factory.CreateApiClient();

        var response = await http.ApiGetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData(TestKeys.ReaderA, "POST", "/api/runs", "{\"prompt\":\"calculate 1+1\"}")]
    [InlineData(TestKeys.ReaderA, "POST", "/api/runs/r/cancel", null)]
    [InlineData(TestKeys.ReaderA, "POST", "/api/runs/r/rewind", null)]
    [InlineData(TestKeys.ReaderA, "POST", "/api/runs/r/approve", "{\"decision\":\"skip\"}")]
    [InlineData(TestKeys.ReaderA, "POST", "/api/todos", "{\"title\":\"t\"}")]
    [InlineData(TestKeys.ReaderA, "PATCH", "/api/todos/1", "{\"done\":true}")]
    [InlineData(TestKeys.ReaderA, "DELETE", "/api/todos/1", null)]
    [InlineData(TestKeys.OperatorA, "DELETE", "/api/runs/r", null)]
    [InlineData(TestKeys.OperatorA, "GET", "/runtime/webhooks/durabletask/instances", null)]
    [InlineData(TestKeys.OperatorA, "POST", "/runtime/webhooks/durabletask/orchestrators/HelloCities", "[\"Paris\"]")]
    public async Task Route_RoleTooLow_Answers403ProblemAndChangesNothing(string key, string method, string path, string? body)
    {
        using var http = factory.CreateApiClient(key);
        using var admin = factory.CreateApiClient(TestKeys.AdminA);
        var before = await StoreSnapshot.TakeAsync(factory, admin);

        var response = await http.ApiSendAsync(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(Forbidden, response.ProblemType);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(factory, admin));
    }

    [Theory]
    [InlineData(TestKeys.ReaderA, "/api/runs")]
    [InlineData(TestKeys.ReaderA, "/api/todos")]
    [InlineData(TestKeys.ReaderA, "/openapi/v1.json")]
    [InlineData(TestKeys.ReaderA, "/api/tools")]
    [InlineData(TestKeys.OperatorB, "/api/tools")]
    [InlineData(TestKeys.AdminA, "/api/tools")]
    [InlineData(TestKeys.AdminB, "/runtime/webhooks/durabletask/instances")]
    [InlineData(TestKeys.AdminA, "/metrics")]
    public async Task Route_RoleHighEnough_IsServed(string key, string path)
    {
        using var http = factory.CreateApiClient(key);

        var response = await http.ApiGetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task ManagementApi_AdminKeyInCodeQuery_IsServedAndStatusUrisCarryIt()
    {
        using var http = factory.CreateApiClient();

        var started = await http.ApiPostAsync("/runtime/webhooks/durabletask/orchestrators/HelloCities?code=" + TestKeys.AdminA, "[\"Paris\"]");
        var status = await http.ApiGetAsync(new Uri(started.Object["statusQueryGetUri"]!.GetValue<string>()).PathAndQuery);

        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.Contains("code=" + TestKeys.AdminA, started.Object["statusQueryGetUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(status.Status is HttpStatusCode.OK or HttpStatusCode.Accepted, status.ToString());
    }

    [Fact]
    public async Task RunApi_KeyInCodeQuery_IsNotAccepted()
    {
        using var http = factory.CreateApiClient();

        var response = await http.ApiGetAsync("/api/runs?code=" + TestKeys.AdminA);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Metrics_LoopbackCallerWithoutKey_IsServed()
    {
        using var http = factory.CreateApiClient();

        var response = await http.ApiGetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
