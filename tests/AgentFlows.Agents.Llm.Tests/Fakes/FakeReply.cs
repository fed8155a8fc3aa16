namespace AgentFlows.Agents.Llm.Tests.Fakes;

/// <summary>What the fake server answers to one request.</summary>
internal sealed record FakeReply
{
    public int Status { get; init; } = 200;

    /// <summary>Gets the assistant's text (for 200).</summary>
    public string Content { get; init; } = "ok";

    public int InputTokens { get; init; } = 10;

    public int CachedTokens { get; init; }

    public int OutputTokens { get; init; } = 5;

    public string FinishReason { get; init; } = "stop";

    /// <summary>Gets how long to hold the request before answering; infinite holds it until the client gives up.</summary>
    public TimeSpan Delay { get; init; }

    public Dictionary<string, string> Headers { get; init; } = [];

    public static FakeReply Text(string content, int input = 10, int output = 5, int cached = 0) =>
        new() { Content = content, InputTokens = input, OutputTokens = output, CachedTokens = cached };

    public static FakeReply Error(int status, string? retryAfter = null) =>
        new() { Status = status, Headers = retryAfter is null ? [] : new() { ["Retry-After"] = retryAfter } };

    public static FakeReply Hang() => new() { Delay = Timeout.InfiniteTimeSpan };
}
