using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlows.Http.Tests.Endpoints;

public sealed class OptionsTests
{
    [Fact]
    public async Task Start_HubAndConnectionOptions_WrittenIntoEveryUri()
    {
        await using var host = await ApiHost.StartAsync(o => (o.HubName, o.ConnectionName) = ("Team Hub", "Pg"));

        var body = await TestJson.ReadAsync(await host.Http.PostAsync("orchestrators/Hello/x", null));

        foreach (var uri in body.EnumerateObject().Where(p => p.Name != "id"))
        {
            Assert.EndsWith("taskHub=Team%20Hub&connection=Pg", uri.Value.GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("orchestrators/Hello/x?code=k%2B1", null, "&code=k%2B1")]
    [InlineData("orchestrators/Hello/x", "secret", "&code=secret")]
    [InlineData("orchestrators/Hello/x", null, "&connection=AgentFlowsStorage")]
    public async Task Start_AppendCallerKeyAsCode_AppendsTheCallersKey(string path, string? apiKey, string expectedEnd)
    {
        await using var host = await ApiHost.StartAsync(o => o.AppendCallerKeyAsCode = true);
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        var body = await TestJson.ReadAsync(await host.Http.SendAsync(request));

        Assert.EndsWith(expectedEnd, body.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(expectedEnd, body.GetProperty("resumePostUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KeyNotAppendedByDefault()
    {
        await using var host = await ApiHost.StartAsync();

        var body = await TestJson.ReadAsync(await host.Http.PostAsync("orchestrators/Hello/x?code=k", null));

        Assert.DoesNotContain("code=", body.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_CustomBasePathAndPathBase_UrisFollowThem()
    {
        await using var host = await ApiHost.StartAsync(basePath: "/mgmt/", beforeMap: app => app.UsePathBase("/svc"));
        using var http = new HttpClient { BaseAddress = new Uri(host.Root, "/svc/mgmt/") };

        using var response = await http.PostAsync("orchestrators/Hello/x", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = (await TestJson.ReadAsync(response)).GetProperty("statusQueryGetUri").GetString()!;
        Assert.StartsWith(new Uri(host.Root, "/svc/mgmt/instances/x?").ToString(), status, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await http.GetAsync(new Uri(status))).StatusCode);
    }

    [Fact]
    public async Task Start_SmallerBodyLimit_Enforced()
    {
        await using var host = await ApiHost.StartAsync(o => o.MaxRequestBodySize = 8);

        using var small = await host.Http.PostAsync("orchestrators/Hello/a", ApiHost.Json("[1,2,3]"));
        using var large = await host.Http.PostAsync("orchestrators/Hello/b", ApiHost.Json("[1,2,3,4]"));

        Assert.Equal(HttpStatusCode.Accepted, small.StatusCode);
        await TestJson.ProblemAsync(large, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        Assert.Null(host.Client.Find("b"));
    }

    [Fact]
    public async Task Start_WaitLongerThanMaxWait_AnswersCheckStatusAtTheCap()
    {
        await using var host = await ApiHost.StartAsync(o => o.MaxWaitForCompletion = TimeSpan.FromMilliseconds(50));

        using var response = await host.Http.PostAsync("orchestrators/Hello/x?timeout=3600", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Problems_WithAddProblemDetails_KeepStableType()
    {
        await using var host = await ApiHost.StartAsync(services: s => s.AddProblemDetails());

        using var response = await host.Http.PostAsync("orchestrators/Nope", null);

        var problem = await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidArgument);
        Assert.True(problem.TryGetProperty("traceId", out _));
    }
}
