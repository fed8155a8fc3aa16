namespace AgentFlows.Agents.Lifecycle;

/// <summary>What the lifecycle's activities need besides the client, the registry and the chat client.</summary>
/// <param name="Options">The settings.</param>
/// <param name="Http">The HTTP client of the fine-tuning API.</param>
/// <param name="DataFolder">Where dataset files are written (one folder per lifecycle instance).</param>
public sealed record LifecycleEnvironment(LifecycleOptions Options, HttpClient Http, string DataFolder);
