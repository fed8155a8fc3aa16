namespace AgentFlows.Cli.Api;

/// <summary>The LLM usage of a run.</summary>
/// <param name="LlmCalls">The number of LLM calls.</param>
/// <param name="InputTokens">The prompt tokens.</param>
/// <param name="OutputTokens">The completion tokens.</param>
/// <param name="CostUsd">The estimated cost in US dollars.</param>
internal sealed record RunUsage(long LlmCalls, long InputTokens, long OutputTokens, decimal? CostUsd);
