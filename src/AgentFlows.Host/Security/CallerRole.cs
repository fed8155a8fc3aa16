namespace AgentFlows.Host.Security;

/// <summary>What an API key may do. Each role includes the ones below it.</summary>
internal enum CallerRole
{
    /// <summary>Reads: every GET of the run and todo APIs.</summary>
    Reader = 1,

    /// <summary>Also starts, cancels, rewinds and approves runs and changes todos.</summary>
    Operator = 2,

    /// <summary>Also the Durable Functions management API, purging runs and the metrics.</summary>
    Admin = 3,
}
