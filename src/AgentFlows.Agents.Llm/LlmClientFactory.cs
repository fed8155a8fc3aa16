using System.ClientModel.Primitives;
using System.Net.Http;
using AgentFlows.Agents.Llm.Audit;
using AgentFlows.Agents.Llm.Caching;
using AgentFlows.Agents.Llm.Provider;
using AgentFlows.Agents.Llm.Resilience;
using AgentFlows.Agents.Llm.Usage;

namespace AgentFlows.Agents.Llm;

/// <summary>Composes the LLM gateway from the settings.</summary>
public static class LlmClientFactory
{
    /// <summary>Creates the gateway.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="time">The clock for timeouts, retry delays, the breaker, cache TTLs and budget windows.</param>
    /// <param name="audit">Where the audit trail goes.</param>
    /// <returns>The gateway; dispose it with the host.</returns>
    /// <exception cref="LlmConfigurationException">The settings cannot be used.</exception>
    public static LlmClient Create(LlmOptions options, TimeProvider time, ILlmAuditSink audit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(audit);
        options.ThrowIfInvalid();

        var breaker = new LlmBreaker(time);
        var pipeline = LlmResiliencePipeline.Build(options.Resilience, time, breaker);
        var network = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(new LlmResilienceHandler(pipeline, breaker, options.Resilience, network))
        {
            // Polly's timeouts govern; HttpClient's own 100 s would cut a long answer short.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var transport = new HttpClientPipelineTransport(http);

        var model = options.ModelName!;
        var provider = new OpenAIChatClient(ProviderConnection.Create(options, transport), options.ProviderName, ProviderConnection.Endpoint(options), model);
        var usage = new LlmUsageLedger(options.Budget, options.Prices, time);
        var cache = new SessionCachingChatClient(new UsageTrackingChatClient(provider, usage, model), options.Cache, time, audit, model);
        return new LlmClient(cache, cache, usage, breaker, new Disposables(transport, http));
    }

    private sealed class Disposables(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
