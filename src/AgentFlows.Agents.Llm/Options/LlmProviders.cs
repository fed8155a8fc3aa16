namespace AgentFlows.Agents.Llm;

/// <summary>The values of <c>AgentFlows__Llm__Provider</c>.</summary>
public static class LlmProviders
{
    /// <summary>Azure OpenAI's v1 endpoint: the key goes in the <c>api-key</c> header (or Entra ID is used).</summary>
    public const string AzureOpenAI = "azure-openai";

    /// <summary>Any server that speaks the OpenAI wire format (OpenAI, Ollama, llama.cpp server, vLLM): a Bearer key.</summary>
    public const string OpenAICompatible = "openai-compatible";
}
