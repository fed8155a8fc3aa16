using System.Text.Json;
using AgentFlows.Agents.Llm.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Tests;

/// <summary>The provider client: the real SDK over real HTTP against the fake OpenAI-compatible server.</summary>
public sealed class OpenAIChatClientTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_AzureOpenAI_SendsApiKeyHeaderToV1Path()
    {
        var options = Gateway.OptionsFor(_server, LlmProviders.AzureOpenAI);
        options.Endpoint = _server.Root.ToString();
        using var client = LlmClientFactory.Create(options, TimeProvider.System, new Audit.InMemoryLlmAuditSink());

        await client.Chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal("test-key", request.Header("api-key"));
        Assert.Null(request.Header("authorization"));
        Assert.Equal("gpt-test", request.Model);
    }

    [Fact]
    public async Task GetResponseAsync_OpenAICompatible_SendsBearerKey()
    {
        using var gateway = Gateway.Create(_server);

        await gateway.AskAsync("hi");

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Header("authorization"));
        Assert.Null(request.Header("api-key"));
    }

    [Fact]
    public async Task GetResponseAsync_NonStreaming_ReturnsTextAndUsage()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text("Hello there", input: 120, output: 7, cached: 64));

        var response = await gateway.AskAsync("hi", new ChatOptions { Instructions = "be brief", Temperature = 0.2f });

        Assert.Equal("Hello there", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(120, response.Usage?.InputTokenCount);
        Assert.Equal(64, response.Usage?.CachedInputTokenCount);
        Assert.Equal(7, response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.False(request.Stream);
        Assert.Equal([("system", "be brief"), ("user", "hi")], request.Messages);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Streams_TextInPiecesThenUsage()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text("Streaming works", input: 30, output: 4, cached: 16));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in gateway.Chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")]))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.True(updates.Count(u => u.Text.Length > 0) > 1, "the text arrived in more than one piece");
        Assert.Equal("Streaming works", response.Text);
        Assert.Equal(30, response.Usage?.InputTokenCount);
        Assert.Equal(16, response.Usage?.CachedInputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.True(request.Stream);
        Assert.True((bool)request.Body["stream_options"]!["include_usage"]!);
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchemaFormat_SendsStrictJsonSchema()
    {
        using var gateway = Gateway.Create(_server);
        _server.Enqueue(FakeReply.Text("{\"answer\":42}"));
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"integer"}},"required":["answer"],"additionalProperties":false}""").RootElement;

        var response = await gateway.AskAsync("answer?", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer", "The answer.") });

        Assert.Equal(42, JsonDocument.Parse(response.Text).RootElement.GetProperty("answer").GetInt32());
        var format = Assert.Single(_server.Requests).Body["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.Equal("answer", (string?)format["json_schema"]!["name"]);
        Assert.True((bool)format["json_schema"]!["strict"]!);
        Assert.Equal("integer", (string?)format["json_schema"]!["schema"]!["properties"]!["answer"]!["type"]);
    }

    [Fact]
    public async Task GetResponseAsync_WithSession_SendsPerSessionPromptCacheKeyAndUser()
    {
        using var gateway = Gateway.Create(_server);

        await gateway.AskAsync("a", Gateway.For("t1", "s1"));
        await gateway.AskAsync("b", Gateway.For("t1", "s1"));
        await gateway.AskAsync("a", Gateway.For("t1", "s2"));
        await gateway.AskAsync("a", Gateway.For("t2", "s1"));

        var keys = _server.Requests.Select(r => r.PromptCacheKey).ToList();
        Assert.All(keys, k => Assert.StartsWith("af-", k));
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(3, keys.Distinct().Count());
        Assert.All(_server.Requests, r => Assert.Equal(r.PromptCacheKey, r.User));
        Assert.DoesNotContain(_server.Requests, r => r.PromptCacheKey!.Contains("t1", StringComparison.Ordinal) || r.PromptCacheKey.Contains("s1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetService_Metadata_NamesProviderAndModel()
    {
        using var gateway = Gateway.Create(_server);

        var metadata = gateway.Chat.GetService<ChatClientMetadata>();

        Assert.Equal(LlmProviders.OpenAICompatible, metadata?.ProviderName);
        Assert.Equal("gpt-test", metadata?.DefaultModelId);
        await Task.CompletedTask;
    }
}
