using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentFlows.Agents.Llm.Tests.Fakes;

/// <content>The wire format of answers.</content>
internal sealed partial class FakeOpenAIServer
{
    private const long Created = 1_900_000_000;
    private int _ids;

    private static JsonObject Usage(FakeReply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens,
        ["completion_tokens"] = reply.OutputTokens,
        ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = reply.CachedTokens },
    };

    private static JsonObject Chunk(string id, string model, JsonArray choices, JsonObject? usage = null)
    {
        var chunk = new JsonObject { ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = Created, ["model"] = model, ["choices"] = choices };
        if (usage is not null)
        {
            chunk["usage"] = usage;
        }

        return chunk;
    }

    private Task WriteCompletionAsync(HttpContext http, RecordedRequest request, FakeReply reply)
    {
        var completion = new JsonObject
        {
            ["id"] = $"chatcmpl-{Interlocked.Increment(ref _ids)}",
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content },
                ["finish_reason"] = reply.FinishReason,
            }),
            ["usage"] = Usage(reply),
        };
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(completion.ToJsonString());
    }

    // Content in three-character pieces, then the finish reason, then the usage chunk (include_usage), then [DONE].
    private async Task WriteStreamAsync(HttpContext http, RecordedRequest request, FakeReply reply)
    {
        var id = $"chatcmpl-{Interlocked.Increment(ref _ids)}";
        var model = request.Model ?? "";
        http.Response.ContentType = "text/event-stream";
        for (var i = 0; i < reply.Content.Length; i += 3)
        {
            var piece = reply.Content.Substring(i, Math.Min(3, reply.Content.Length - i));
            var delta = new JsonObject { ["content"] = piece };
            if (i == 0)
            {
                delta["role"] = "assistant";
            }

            await WriteEventAsync(http, Chunk(id, model, [new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = null }]).ToJsonString());
        }

        await WriteEventAsync(http, Chunk(id, model, [new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = reply.FinishReason }]).ToJsonString());
        if (request.Body["stream_options"]?["include_usage"] is { } include && (bool)include)
        {
            await WriteEventAsync(http, Chunk(id, model, [], Usage(reply)).ToJsonString());
        }

        await WriteEventAsync(http, "[DONE]");
    }

    private static async Task WriteEventAsync(HttpContext http, string data)
    {
        await http.Response.WriteAsync($"data: {data}\n\n");
        await http.Response.Body.FlushAsync();
    }
}
