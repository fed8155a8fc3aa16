using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Identity;
using OpenAI;
using OpenAI.Chat;

namespace AgentFlows.Agents.Llm.Provider;

/// <summary>Makes the SDK's <see cref="ChatClient"/> for the configured provider, endpoint and authentication.</summary>
internal static class ProviderConnection
{
    /// <summary>The Entra ID scope of Azure OpenAI (<c>*.openai.azure.com</c>) resources.</summary>
    public const string EntraScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>Creates the SDK client.</summary>
    /// <param name="options">Validated settings.</param>
    /// <param name="transport">The transport: the resilience handler over the network.</param>
    /// <returns>The client.</returns>
    public static ChatClient Create(LlmOptions options, PipelineTransport transport)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = Endpoint(options),
            Transport = transport,

            // Polly retries; the SDK's own retries (3 by default) would multiply the attempts.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),

            // Polly owns the timeouts; the SDK's network timeout (100 s by default) must not cut them short.
            NetworkTimeout = options.Resilience.TotalTimeout + TimeSpan.FromMinutes(1),
        };
        // The AuthenticationPolicy constructor is marked experimental in SDK 2.15; it is the documented way to send
        // the api-key header or an Entra ID token.
#pragma warning disable OPENAI001
        return new ChatClient(options.ModelName, Authentication(options), clientOptions);
#pragma warning restore OPENAI001
    }

    /// <summary>The base URL: an Azure OpenAI resource URL without a path gets the v1 path.</summary>
    /// <param name="options">The settings.</param>
    /// <returns>The base URL.</returns>
    public static Uri Endpoint(LlmOptions options)
    {
        var uri = new Uri(LlmOptions.Clean(options.Endpoint)!);
        return options.ProviderName == LlmProviders.AzureOpenAI && uri.AbsolutePath == "/" ? new Uri(uri, "openai/v1/") : uri;
    }

    private static AuthenticationPolicy Authentication(LlmOptions options)
    {
        if (options.ProviderName != LlmProviders.AzureOpenAI)
        {
            // Local servers often need no key, but the SDK wants a non-empty credential; they ignore it.
            return ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(options.Key ?? "unused"));
        }

        return options.UseEntraId
            ? new BearerTokenPolicy(new DefaultAzureCredential(), EntraScope)
            : ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(options.Key!), "api-key");
    }
}
