using System.Net;

namespace AgentFlows.Host.Tests.Security;

/// <summary><c>GET /api/me</c>: the caller's tenant and highest role, which the dashboard uses to offer only allowed actions.</summary>
public sealed class CallerTests(KeyedFactory factory) : IClassFixture<KeyedFactory>
{
    [Theory]
    [InlineData(TestKeys.ReaderA, "tenant-a", "reader")]
    [InlineData(TestKeys.OperatorA, "tenant-a", "operator")]
    [InlineData(TestKeys.AdminB, "tenant-b", "admin")]
    public async Task GetMe_Key_ReturnsItsTenantAndRole(string key, string tenant, string role)
    {
        using var http = factory.CreateApiClient(key);

        var response = await http.ApiGetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(tenant, response.Object["tenant"]!.GetValue<string>());
        Assert.Equal(role, response.Object["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetMe_NoKey_Unauthorized()
    {
        using var http = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.ApiGetAsync("/api/me")).Status);
    }
}
