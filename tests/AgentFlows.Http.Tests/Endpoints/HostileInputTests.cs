using System.Net;
using System.Text;

namespace AgentFlows.Http.Tests.Endpoints;

/// <summary>Malformed, oversized and hostile requests against every route: a 4xx (or DF's documented code), never a 5xx, and no state change.</summary>
public sealed class HostileInputTests : IClassFixture<ApiFixture>
{
    private readonly ApiHost _host;

    public HostileInputTests(ApiFixture fixture)
    {
        _host = fixture.Host;
        _host.Client.Reset();
    }

    public static TheoryData<string, string> EveryRoute => new()
    {
        { "POST", "orchestrators/Hello" },
        { "POST", "orchestrators/Hello/victim" },
        { "GET", "instances/victim" },
        { "GET", "instances" },
        { "GET", "instances/" },
        { "DELETE", "instances/victim" },
        { "DELETE", "instances?createdTimeFrom=2000-01-01T00:00:00Z" },
        { "POST", "instances/victim/raiseEvent/Go" },
        { "POST", "instances/victim/terminate" },
        { "POST", "instances/victim/suspend" },
        { "POST", "instances/victim/resume" },
        { "POST", "instances/victim/rewind" },
        { "POST", "instances/victim/restart" },
    };

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task AnyRoute_TenMegabyteBody_Returns413AndChangesNothing(string method, string path)
    {
        Seed();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiHost.Bytes(new byte[10 * 1024 * 1024]) };

        using var response = await _host.Http.SendAsync(request);

        await TestJson.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        AssertUnchanged();
    }

    [Theory]
    [InlineData("orchestrators/Hello/chunked")]
    [InlineData("instances/victim/raiseEvent/Go")]
    public async Task BodyRoute_ChunkedBodyOverTheLimit_Returns413AndChangesNothing(string path)
    {
        Seed();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ChunkedContent(5 * 1024 * 1024) };

        using var response = await _host.Http.SendAsync(request);

        await TestJson.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task AnyRoute_GarbageJsonBody_NeverAnswers5xxAndChangesNothing(string method, string path)
    {
        Seed();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiHost.Bytes([0xFF, 0xFE, (byte)'{', 0x00, (byte)'"']) };

        using var response = await _host.Http.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {(int)response.StatusCode}");
        if ((method == "POST" && path.StartsWith("orchestrators", StringComparison.Ordinal)) || path.Contains("raiseEvent", StringComparison.Ordinal))
        {
            await TestJson.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidJson);
            AssertUnchanged();
        }
    }

    [Theory]
    [InlineData("PUT", "orchestrators/Hello")]
    [InlineData("GET", "orchestrators/Hello")]
    [InlineData("DELETE", "orchestrators/Hello/victim")]
    [InlineData("PATCH", "instances/victim")]
    [InlineData("PUT", "instances")]
    [InlineData("GET", "instances/victim/terminate")]
    [InlineData("DELETE", "instances/victim/raiseEvent/Go")]
    [InlineData("HEAD", "instances/victim/rewind")]
    [InlineData("OPTIONS", "instances/victim")]
    [InlineData("GET", "entities/counter/1")]
    [InlineData("POST", "makeprimary")]
    [InlineData("GET", "")]
    [InlineData("GET", "instances/victim/history/extra/segments")]
    [InlineData("TRACE", "instances")]
    public async Task UnknownRouteOrWrongMethod_Returns404NotFound405(string method, string path)
    {
        Seed();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertUnchanged();
    }

    [Theory]
    [InlineData("instances/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("instances/%2E%2E")]
    [InlineData("instances/a%00b")]
    [InlineData("instances/%C0%AF")]
    [InlineData("instances/%E2%80%AE")]
    [InlineData("instances/%252e%252e%252f")]
    [InlineData("instances/victim%3Fx=1")]
    [InlineData("instances/victim%23frag")]
    [InlineData("instances/victim%5C..")]
    public async Task PathCharacters_InIds_NeverAnswer5xx(string path)
    {
        Seed();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete, HttpMethod.Post })
        {
            foreach (var suffix in new[] { string.Empty, "/terminate", "/raiseEvent/x", "/restart" })
            {
                using var request = new HttpRequestMessage(method, path + suffix) { Content = ApiHost.Json("1") };
                using var response = await _host.Http.SendAsync(request);
                Assert.True((int)response.StatusCode < 500, $"{method} {path}{suffix} answered {(int)response.StatusCode}");
            }
        }

        AssertUnchanged();
    }

    [Fact]
    public async Task HugeQueryValues_NeverAnswer5xx()
    {
        Seed();
        var big = new string('9', 4000);
        string[] paths =
        [
            $"instances?top={big}", $"instances?createdTimeFrom={big}", $"instances?runtimeStatus={big}", $"instances?instanceIdPrefix={big}",
            $"orchestrators/Hello/victim?timeout={big}", $"orchestrators/Hello/victim?timeout=1e308", $"instances/victim?showHistory={big}",
            $"instances/{new string('x', 5000)}",
        ];
        foreach (var path in paths)
        {
            using var get = await _host.Http.GetAsync(path);
            using var post = await _host.Http.PostAsync(path, null);
            Assert.True((int)get.StatusCode < 500 && (int)post.StatusCode < 500, $"{path}: {(int)get.StatusCode}/{(int)post.StatusCode}");
        }
    }

    [Fact]
    public async Task Start_TimeoutOverflowingTimeSpan_IsCappedNotAnError()
    {
        _host.Client.OnScheduled = id => _host.Client.SetStatus(id, OrchestrationRuntimeStatus.Completed, "1");

        using var response = await _host.Http.PostAsync("orchestrators/Hello?timeout=1e308", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private void Seed()
    {
        _host.Client.Reset();
        _host.Client.Add("victim", OrchestrationRuntimeStatus.Running, input: "\"original\"");
    }

    private void AssertUnchanged()
    {
        Assert.Equal(1, _host.Client.Count);
        Assert.Equal(OrchestrationRuntimeStatus.Running, _host.Client.Find("victim")!.RuntimeStatus);
        Assert.Equal("\"original\"", _host.Client.Find("victim")!.SerializedInput);
        Assert.Empty(_host.Client.Calls);
    }

    /// <summary>A body of zeros sent chunked (no Content-Length), so only reading can find it too large.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly int _size;

        public ChunkedContent(int size)
        {
            _size = size;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            for (var sent = 0; sent < _size; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
