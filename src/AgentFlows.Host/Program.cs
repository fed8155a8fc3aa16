using AgentFlows.Host.Composition;
using AgentFlows.Host.Configuration;

WebApplication app;
try
{
    app = AgentFlowsApp.Create(args);
}
catch (SettingsException ex)
{
    // One clear line naming the setting and what is accepted; nothing has started.
    await Console.Error.WriteLineAsync("agentflows: " + ex.Message);
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point; public so tests can start the host in-process.</summary>
public partial class Program
{
}
