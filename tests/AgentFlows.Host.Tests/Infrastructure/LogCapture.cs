using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every line written through it, with everything a structured provider could print:
/// the message, each state value, each scope and the exception's full text.
/// </summary>
internal sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;

    /// <summary>Gets the lines so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder().Append(category).Append(' ').Append(logLevel).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            owner._scopes?.ForEachScope((scope, sb) => sb.Append(" | scope: ").Append(Describe(scope)), line);
            if (exception is not null)
            {
                line.Append(" | exception: ").Append(exception);
            }

            owner._lines.Enqueue(line.ToString());
        }

        private static string Describe(object? scope) => scope is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join(", ", values.Select(v => v.Key + "=" + v.Value)) + " (" + scope + ")"
            : scope?.ToString() ?? string.Empty;
    }
}
