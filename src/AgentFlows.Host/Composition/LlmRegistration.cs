using AgentFlows.Agents.Llm;
using AgentFlows.Agents.Llm.Audit;
using AgentFlows.Agents.Planning.Llm;
using AgentFlows.Host.Configuration;
using Microsoft.Extensions.AI;

namespace AgentFlows.Host.Composition;

/// <summary>
/// Registers the LLM gateway when <c>AgentFlows__Llm__Endpoint</c> is set: the decorated chat client (session cache →
/// usage and budgets → resilience → OpenAI SDK), the breaker state the <c>auto</c> planner consults, and the audit
/// sink. Without an endpoint nothing is registered and the pattern planner plans.
/// </summary>
internal static class LlmRegistration
{
    /// <summary>Registers the gateway from configuration.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="postgres">Whether the database is PostgreSQL (the audit table's SQL differs slightly).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddLlmGateway(this IServiceCollection services, IConfiguration configuration, bool postgres)
    {
        var options = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        services.AddSingleton(options);
        services.AddSingleton(sp => new Llm.DbLlmAuditSink(sp.GetRequiredService<System.Data.Common.DbDataSource>(), postgres));
        services.AddSingleton<ILlmAuditSink>(sp => sp.GetRequiredService<Llm.DbLlmAuditSink>());
        if (!options.IsConfigured)
        {
            return services;
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new SettingsException(LlmOptions.Section.Replace(":", "__", StringComparison.Ordinal), "…", string.Join("; ", problems));
        }

        services.AddSingleton(sp => LlmClientFactory.Create(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILlmAuditSink>()));
        services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<LlmClient>().Chat);
        services.AddSingleton(sp => new LlmAvailability(() => sp.GetRequiredService<LlmClient>().Breaker.StateName));
        return services;
    }
}
