namespace AgentFlows.Agents.Llm;

/// <summary>
/// The LLM settings (CONTRACT §1: <c>AgentFlows__Llm__Provider</c>, <c>__Endpoint</c>, <c>__ApiKey</c>, <c>__Model</c>),
/// bound from the <see cref="Section"/> configuration section, plus the gateway's tuning.
/// </summary>
/// <remarks>
/// Empty or blank strings count as absent, so a <c>local.settings.json</c> that lists a setting with <c>""</c> reads
/// the same as one that leaves it out. No endpoint means no LLM: the pattern planner plans alone.
/// </remarks>
public sealed class LlmOptions
{
    /// <summary>The configuration section the host binds.</summary>
    public const string Section = "AgentFlows:Llm";

    /// <summary>Gets or sets the provider: <c>azure-openai</c> or <c>openai-compatible</c> (the default).</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the base URL, e.g. <c>https://RESOURCE.openai.azure.com/openai/v1/</c> or <c>http://localhost:11434/v1/</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the key: the <c>api-key</c> header for Azure OpenAI, the Bearer token otherwise.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model (for Azure OpenAI, the deployment name).</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets a value indicating whether Azure OpenAI is called with an Entra ID token (DefaultAzureCredential) instead of a key.</summary>
    public bool UseEntraId { get; set; }

    /// <summary>Gets or sets the timeouts, retries and circuit breaker.</summary>
    public LlmResilienceOptions Resilience { get; set; } = new();

    /// <summary>Gets or sets the session-scoped response cache.</summary>
    public LlmCacheOptions Cache { get; set; } = new();

    /// <summary>Gets or sets the token and cost budgets.</summary>
    public LlmBudgetOptions Budget { get; set; } = new();

    /// <summary>Gets or sets the price table: model name (or a prefix of it) to prices in USD per million tokens.</summary>
    public Dictionary<string, LlmPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets a value indicating whether an LLM is configured (an endpoint is set).</summary>
    public bool IsConfigured => Clean(Endpoint) is not null;

    /// <summary>Gets the provider in its canonical form (lower case; <c>openai-compatible</c> when absent).</summary>
    public string ProviderName => Clean(Provider)?.ToLowerInvariant() ?? LlmProviders.OpenAICompatible;

    /// <summary>Gets the model, or null when absent.</summary>
    public string? ModelName => Clean(Model);

    /// <summary>Gets the key, or null when absent.</summary>
    public string? Key => Clean(ApiKey);

    /// <summary>Lists what is wrong with the settings, each as a sentence naming the setting.</summary>
    /// <returns>The problems; empty when the settings can be used.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!IsConfigured)
        {
            problems.Add("AgentFlows__Llm__Endpoint is not set.");
            return problems;
        }

        if (!Uri.TryCreate(Clean(Endpoint), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"AgentFlows__Llm__Endpoint '{Endpoint}' is not an absolute http or https URL.");
        }

        if (ModelName is null)
        {
            problems.Add("AgentFlows__Llm__Model is not set (for Azure OpenAI, the deployment name).");
        }

        if (ProviderName is not (LlmProviders.AzureOpenAI or LlmProviders.OpenAICompatible))
        {
            problems.Add($"AgentFlows__Llm__Provider '{Provider}' is not known; use {LlmProviders.AzureOpenAI} or {LlmProviders.OpenAICompatible}.");
        }
        else if (ProviderName == LlmProviders.AzureOpenAI && Key is null && !UseEntraId)
        {
            problems.Add("Azure OpenAI needs AgentFlows__Llm__ApiKey, or AgentFlows__Llm__UseEntraId=true to sign in with Entra ID.");
        }

        problems.AddRange(Resilience.Validate());
        problems.AddRange(Cache.Validate());
        return problems;
    }

    /// <summary>Throws when <see cref="Validate"/> finds problems.</summary>
    /// <exception cref="LlmConfigurationException">The settings cannot be used.</exception>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new LlmConfigurationException(problems);
        }
    }

    /// <summary>Treats null, empty and blank the same: absent.</summary>
    /// <param name="value">The setting.</param>
    /// <returns>The trimmed value, or null.</returns>
    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
