using AgentFlows.Agents.Llm.Audit;

namespace AgentFlows.Agents.Llm.Tests;

public sealed class LlmOptionsTests
{
    [Fact]
    public void IsConfigured_EmptyStrings_CountAsAbsent()
    {
        var options = new LlmOptions { Endpoint = "  ", ApiKey = "", Model = "", Provider = "" };

        Assert.False(options.IsConfigured);
        Assert.Null(options.Key);
        Assert.Null(options.ModelName);
        Assert.Equal(LlmProviders.OpenAICompatible, options.ProviderName);
    }

    [Fact]
    public void Validate_LocalServerWithoutKey_IsValid()
    {
        var options = new LlmOptions { Endpoint = "http://localhost:11434/v1/", Model = "llama3.2", ApiKey = "" };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_AzureWithoutKeyOrEntraId_NamesTheSettings()
    {
        var options = new LlmOptions { Provider = "Azure-OpenAI", Endpoint = "https://r.openai.azure.com/openai/v1/", Model = "gpt-4o-mini" };

        var problem = Assert.Single(options.Validate());

        Assert.Contains("AgentFlows__Llm__ApiKey", problem, StringComparison.Ordinal);
        Assert.Contains("AgentFlows__Llm__UseEntraId", problem, StringComparison.Ordinal);
        options.UseEntraId = true;
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_BadValues_ListsEachProblem()
    {
        var options = new LlmOptions { Provider = "bedrock", Endpoint = "ftp://x", Resilience = { AttemptTimeout = TimeSpan.FromMinutes(10) } };

        var problems = options.Validate();

        Assert.Contains(problems, p => p.Contains("not an absolute http or https URL", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AgentFlows__Llm__Model is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'bedrock' is not known", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AttemptTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsConfigurationException()
    {
        var error = Assert.Throws<LlmConfigurationException>(() => LlmClientFactory.Create(new LlmOptions(), TimeProvider.System, new InMemoryLlmAuditSink()));

        Assert.Contains("AgentFlows__Llm__Endpoint is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AzureWithEntraId_BuildsWithoutCallingAnything()
    {
        var options = new LlmOptions { Provider = LlmProviders.AzureOpenAI, Endpoint = "https://r.openai.azure.com/", Model = "gpt-4o-mini", UseEntraId = true };

        using var client = LlmClientFactory.Create(options, TimeProvider.System, new InMemoryLlmAuditSink());

        var metadata = (Microsoft.Extensions.AI.ChatClientMetadata?)client.Chat.GetService(typeof(Microsoft.Extensions.AI.ChatClientMetadata));
        Assert.Equal(new Uri("https://r.openai.azure.com/openai/v1/"), metadata?.ProviderUri);
    }

    [Fact]
    public void Price_Cost_ChargesCachedInputAtItsOwnRate()
    {
        var price = new LlmPrice { InputPerMillion = 2.5m, CachedInputPerMillion = 1.25m, OutputPerMillion = 10m };

        Assert.Equal((600_000 * 2.5m + 400_000 * 1.25m + 100_000 * 10m) / 1_000_000m, price.Cost(1_000_000, 400_000, 100_000));
    }
}
