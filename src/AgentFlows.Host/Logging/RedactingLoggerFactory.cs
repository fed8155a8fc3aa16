using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentFlows.Host.Logging;

/// <summary>
/// The logger factory of the service: the standard one, with every logger it makes wrapped so messages, state
/// values, scopes and exceptions go through the <see cref="SecretRedactor"/> before any provider sees them.
/// Wrapping the factory (rather than each provider) covers providers added later, including the ones tests add.
/// </summary>
/// <param name="inner">The standard factory.</param>
/// <param name="redactor">The redactor.</param>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRedactor redactor) : ILoggerFactory
{
    /// <inheritdoc/>
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    /// <inheritdoc/>
    public void Dispose() => inner.Dispose();
}

/// <summary>A logger that masks secrets before passing a log entry on.</summary>
/// <param name="inner">The logger.</param>
/// <param name="redactor">The redactor.</param>
internal sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
{
    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        var text = redactor.Redact(state.ToString() ?? string.Empty);
        return state is IEnumerable<KeyValuePair<string, object?>> values
            ? inner.BeginScope(RedactedState.Create(values, text, redactor))
            : inner.BeginScope(new RedactedText(text));
    }

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = redactor.Redact(formatter(state, exception));
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        var safe = exception is not null && redactor.Redact(exception.ToString()) != exception.ToString() ? new RedactedException(exception, redactor) : exception;
        inner.Log(logLevel, eventId, RedactedState.Create(values, message, redactor), safe, static (s, _) => s.ToString());
    }
}

/// <summary>Registers the redacting logger factory.</summary>
internal static class RedactionRegistration
{
    /// <summary>Replaces the logger factory with one that masks secrets.</summary>
    /// <param name="services">The services.</param>
    /// <param name="redactor">The redactor.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSecretRedaction(this IServiceCollection services, SecretRedactor redactor)
    {
        services.AddSingleton(redactor);
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(
            new LoggerFactory(
                sp.GetServices<ILoggerProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<Microsoft.Extensions.Options.IOptions<LoggerFactoryOptions>>(),
                sp.GetService<IExternalScopeProvider>()),
            redactor)));
        return services;
    }
}
