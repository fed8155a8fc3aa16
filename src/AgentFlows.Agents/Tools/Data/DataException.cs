namespace AgentFlows.Agents.Tools.Data;

/// <summary>Data that cannot be read or cleaned as asked (a path outside the data folder, a malformed CSV, a limit); retrying cannot help.</summary>
public sealed class DataException : NonRetriableException
{
    /// <summary>Initializes a new instance of the <see cref="DataException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public DataException(string message)
        : base(message)
    {
    }
}
