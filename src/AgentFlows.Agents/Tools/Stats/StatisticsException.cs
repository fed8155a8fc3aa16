namespace AgentFlows.Agents.Tools.Stats;

/// <summary>Data a statistic cannot be computed from (too few values, no variance, bad counts); retrying cannot help.</summary>
public sealed class StatisticsException : NonRetriableException
{
    /// <summary>Initializes a new instance of the <see cref="StatisticsException"/> class.</summary>
    /// <param name="message">What is wrong with the data.</param>
    public StatisticsException(string message)
        : base(message)
    {
    }
}
