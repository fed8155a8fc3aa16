namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>The host with the settings a test chooses (for values known only at run time, such as a fake server's URL).</summary>
/// <param name="settings">Settings, as configuration keys.</param>
internal sealed class SettingsFactory(IReadOnlyDictionary<string, string?> settings) : AgentFlowsFactory(settings);
