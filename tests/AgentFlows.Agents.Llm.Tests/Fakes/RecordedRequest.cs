using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Llm.Tests.Fakes;

/// <summary>A request the fake server received: path, headers and JSON body.</summary>
internal sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, JsonObject Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public string? Model => (string?)Body["model"];

    public bool Stream => Body["stream"] is { } s && (bool)s;

    public string? PromptCacheKey => (string?)Body["prompt_cache_key"];

    public string? User => (string?)Body["user"];

    public IReadOnlyList<(string Role, string Content)> Messages =>
        [.. Body["messages"]!.AsArray().Select(m => ((string)m!["role"]!, (string)m["content"]!))];
}
