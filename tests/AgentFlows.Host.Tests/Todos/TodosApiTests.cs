using System.Net;

namespace AgentFlows.Host.Tests.Todos;

/// <summary><c>/api/todos</c> over the relational todo store in the runtime's SQLite database.</summary>
public sealed class TodosApiTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    [Fact]
    public async Task Post_ValidTodo_Is201WithLocationAndReadsBack()
    {
        var created = await _http.ApiPostAsync("/api/todos", "{\"title\":\" Buy milk \",\"priority\":\"HIGH\",\"due\":\"2031-02-03\",\"tags\":[\"Home\",\"home\",\"shop\"]}");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Object["id"]!.GetValue<string>();
        Assert.Equal("/api/todos/" + id, created.Headers.Location?.OriginalString);
        var todo = (await _http.ApiGetAsync("/api/todos/" + id)).Object;
        Assert.Equal("Buy milk", todo["title"]!.GetValue<string>());
        Assert.Equal("high", todo["priority"]!.GetValue<string>());
        Assert.Equal("2031-02-03", todo["due"]!.GetValue<string>());
        Assert.Equal(["Home", "shop"], todo["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False(todo["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task List_Filters_MatchTextTagPriorityDoneAndDue()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var a = await AddAsync($"{{\"title\":\"{marker} alpha\",\"priority\":\"low\",\"tags\":[\"x{marker}\"],\"due\":\"2020-01-10\"}}");
        var b = await AddAsync($"{{\"title\":\"{marker} beta\",\"priority\":\"high\",\"due\":\"2020-01-20\"}}");
        var c = await AddAsync($"{{\"title\":\"{marker} gamma\",\"tags\":[\"X{marker}\"]}}");
        await _http.ApiPatchAsync("/api/todos/" + b, "{\"done\":true}");

        Assert.Equal([c, b, a], await IdsAsync($"q={marker.ToUpperInvariant()}"));
        Assert.Equal([c, a], await IdsAsync($"q={marker}&tag=x{marker}"));
        Assert.Equal([b], await IdsAsync($"q={marker}&priority=high"));
        Assert.Equal([c, a], await IdsAsync($"q={marker}&done=false"));
        Assert.Equal([a], await IdsAsync($"q={marker}&due=2020-01-10"));
        Assert.Equal([b, a], await IdsAsync($"q={marker}&dueFrom=2020-01-01&dueTo=2020-12-31"));
        Assert.Equal([c], await IdsAsync($"q={marker}&due=none"));
        Assert.Equal([a], await IdsAsync($"q={marker}&due=overdue"));
    }

    [Fact]
    public async Task List_TopAndContinuation_PagesThroughEveryMatchOnce()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await AddAsync($"{{\"title\":\"{marker} page {i}\"}}"));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = (await _http.ApiGetAsync($"/api/todos?q={marker}&top=2" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)))).Object;
            Assert.Equal(5, page["totalCount"]!.GetValue<int>());
            seen.AddRange(page["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task Patch_Fields_ChangesThemAndNullDueClearsIt()
    {
        var id = await AddAsync("{\"title\":\"patch me\",\"due\":\"2030-05-05\",\"tags\":[\"a\"]}");

        var patched = await _http.ApiPatchAsync("/api/todos/" + id, "{\"title\":\"patched\",\"priority\":\"low\",\"due\":null,\"tags\":[\"b\"],\"done\":true}");

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("patched", patched.Object["title"]!.GetValue<string>());
        Assert.Equal("low", patched.Object["priority"]!.GetValue<string>());
        Assert.Null(patched.Object["due"]);
        Assert.True(patched.Object["done"]!.GetValue<bool>());
        Assert.NotNull(patched.Object["completedAt"]);
        Assert.Equal([id], await IdsAsync("q=patched&tag=b"));
        Assert.Empty(await IdsAsync("q=patched&tag=a"));
        var reopened = await _http.ApiPatchAsync("/api/todos/" + id, "{\"done\":false}");
        Assert.Null(reopened.Object["completedAt"]);
    }

    [Fact]
    public async Task Delete_Todo_Is204ThenItIsGone()
    {
        var id = await AddAsync("{\"title\":\"delete me\"}");

        Assert.Equal(HttpStatusCode.NoContent, (await _http.ApiDeleteAsync("/api/todos/" + id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.ApiGetAsync("/api/todos/" + id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.ApiDeleteAsync("/api/todos/" + id)).Status);
    }

    [Fact]
    public async Task CompleteMany_AllKnown_CompletesAll()
    {
        var a = await AddAsync("{\"title\":\"bulk a\"}");
        var b = await AddAsync("{\"title\":\"bulk b\"}");

        var response = await _http.ApiPostAsync("/api/todos/complete", $"{{\"ids\":[\"{a}\",{b}]}}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.All(response.Object["items"]!.AsArray(), t => Assert.True(t!["done"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task CompleteMany_OneUnknown_Is404NamingItAndCompletesNone()
    {
        var a = await AddAsync("{\"title\":\"bulk none\"}");

        var response = await _http.ApiPostAsync("/api/todos/complete", $"{{\"ids\":[\"{a}\",\"999999\"]}}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("https://agentflows.dev/problems/todo-not-found", response.ProblemType);
        Assert.Contains("'999999'", response.Detail, StringComparison.Ordinal);
        Assert.False((await _http.ApiGetAsync("/api/todos/" + a)).Object["done"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("POST", "/api/todos", "{\"title\":5}", 400, "'title' must be a string")]
    [InlineData("POST", "/api/todos", "{\"title\":\"x\",\"priority\":\"urgent\"}", 400, "'priority' must be one of")]
    [InlineData("POST", "/api/todos", "{\"title\":\"x\",\"due\":\"someday\"}", 400, "'due' is not a due date")]
    [InlineData("POST", "/api/todos", "{\"title\":\"x\",\"tags\":\"a,b\"}", 400, "'tags' must be an array")]
    [InlineData("POST", "/api/todos", "{\"title\":", 400, "not valid JSON")]
    [InlineData("POST", "/api/todos", "{}", 400, "'title' is required")]
    [InlineData("PATCH", "/api/todos/1", "{\"done\":\"yes\"}", 400, "'done' must be true or false")]
    [InlineData("PATCH", "/api/todos/424242", "{\"done\":true}", 404, "'424242'")]
    [InlineData("GET", "/api/todos/not-a-number", null, 404, "'not-a-number'")]
    [InlineData("GET", "/api/todos?top=0", null, 400, "'top'")]
    [InlineData("GET", "/api/todos?priority=urgent", null, 400, "'priority'")]
    [InlineData("GET", "/api/todos?due=someday", null, 400, "'due'")]
    [InlineData("GET", "/api/todos?continuationToken=abc", null, 400, "'continuationToken'")]
    [InlineData("POST", "/api/todos/complete", "{\"ids\":[]}", 400, "'ids' is required")]
    public async Task Request_Invalid_AnswersProblemAndChangesNothing(string method, string path, string? body, int status, string detail)
    {
        var before = await StoreSnapshot.TakeAsync(factory, _http);

        var response = await _http.ApiSendAsync(new HttpMethod(method), path, body);

        Assert.True((int)response.Status == status, response.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains(detail, response.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(factory, _http));
    }

    private async Task<string> AddAsync(string json)
    {
        var response = await _http.ApiPostAsync("/api/todos", json);
        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        return response.Object["id"]!.GetValue<string>();
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var response = await _http.ApiGetAsync("/api/todos?" + query);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Object["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
    }
}
