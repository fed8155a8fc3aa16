using System.Collections;

namespace AgentFlows.Host.Logging;

/// <summary>
/// A log state (or scope) whose values went through the <see cref="SecretRedactor"/>: structured formatters (the JSON
/// console) write the values one by one, so masking the message alone would not be enough.
/// </summary>
internal sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values;
    private readonly string _text;

    private RedactedState(KeyValuePair<string, object?>[] values, string text)
    {
        _values = values;
        _text = text;
    }

    /// <inheritdoc/>
    public int Count => _values.Length;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>Wraps a state; values whose text holds a secret become their masked text, others stay as they are.</summary>
    /// <param name="values">The state's values.</param>
    /// <param name="text">The state's text, already masked.</param>
    /// <param name="redactor">The redactor.</param>
    /// <returns>The wrapped state.</returns>
    public static RedactedState Create(IEnumerable<KeyValuePair<string, object?>> values, string text, SecretRedactor redactor)
    {
        var list = values.Select(v => v.Value switch
        {
            null => v,
            string s => new KeyValuePair<string, object?>(v.Key, redactor.Redact(s)),
            var o when o.GetType().IsPrimitive || o is decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => v,
            var o => Masked(v.Key, o, redactor),
        }).ToArray();
        return new RedactedState(list, text);
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => _text;

    private static KeyValuePair<string, object?> Masked(string key, object value, SecretRedactor redactor)
    {
        var text = value.ToString() ?? string.Empty;
        var masked = redactor.Redact(text);
        return ReferenceEquals(text, masked) || text == masked ? new(key, value) : new(key, masked);
    }
}

/// <summary>A scope that is not a list of values, kept only as its masked text.</summary>
/// <param name="text">The masked text.</param>
internal sealed class RedactedText(string text)
{
    /// <inheritdoc/>
    public override string ToString() => text;
}

/// <summary>An exception whose text held a secret: it logs as the original's text, masked.</summary>
internal sealed class RedactedException : Exception
{
    private readonly string _text;

    /// <summary>Initializes a new instance of the <see cref="RedactedException"/> class.</summary>
    /// <param name="original">The original exception.</param>
    /// <param name="redactor">The redactor.</param>
    public RedactedException(Exception original, SecretRedactor redactor)
        : base(redactor.Redact(original.Message))
    {
        _text = redactor.Redact(original.ToString());
    }

    /// <inheritdoc/>
    public override string? StackTrace => null;

    /// <inheritdoc/>
    public override string ToString() => _text;
}
