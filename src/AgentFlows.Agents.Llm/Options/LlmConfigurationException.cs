namespace AgentFlows.Agents.Llm;

/// <summary>The LLM settings cannot be used; the message lists every problem.</summary>
public sealed class LlmConfigurationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LlmConfigurationException"/> class.</summary>
    /// <param name="problems">The problems, each a sentence naming the setting.</param>
    public LlmConfigurationException(IReadOnlyList<string> problems)
        : base("The LLM settings are not valid: " + string.Join(" ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Gets the problems.</summary>
    public IReadOnlyList<string> Problems { get; }
}
