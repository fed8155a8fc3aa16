using System.Data.Common;
using System.Text.RegularExpressions;

namespace AgentFlows.Host.Logging;

/// <summary>
/// Removes secrets from log text: every configured secret value (API keys, LLM and fine-tuning keys, passwords of
/// connection strings, any setting named like a key, password, secret or token), and by pattern whatever looks like
/// a credential (<c>Password=…</c>, <c>code=…</c> and <c>key=…</c> query values, <c>x-api-key</c> / <c>api-key</c> /
/// <c>Authorization</c> header values, bearer tokens), so a key the configuration does not know is caught too.
/// </summary>
internal sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Short values would mask ordinary words; real keys and passwords are longer.
    private const int MinSecretLength = 6;

    private readonly string[] _secrets;

    /// <summary>Initializes a new instance of the <see cref="SecretRedactor"/> class.</summary>
    /// <param name="secrets">The secret values to mask wherever they appear.</param>
    public SecretRedactor(IEnumerable<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        _secrets = [.. secrets.Where(s => s.Length >= MinSecretLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>Collects the secret values of a configuration.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The redactor.</returns>
    public static SecretRedactor FromConfiguration(IConfiguration configuration)
    {
        var secrets = new List<string>();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var name = key[(key.LastIndexOf(':') + 1)..];

            // The shell's working-directory variables end in "pwd" but hold paths, not passwords.
            if (SecretName().IsMatch(name) && name is not ("PWD" or "OLDPWD"))
            {
                secrets.Add(value);
            }

            if (value.Contains("password", StringComparison.OrdinalIgnoreCase) || value.Contains("pwd", StringComparison.OrdinalIgnoreCase))
            {
                secrets.AddRange(ConnectionStringPasswords(value));
            }
        }

        return new SecretRedactor(secrets);
    }

    /// <summary>Masks the secrets in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text without secrets (the same instance when there was none).</returns>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return CredentialPattern().Replace(text, m => m.Groups["keep"].Value + Mask);
    }

    private static IEnumerable<string> ConnectionStringPasswords(string value)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            yield break;
        }

        foreach (var name in new[] { "password", "pwd" })
        {
            if (builder.TryGetValue(name, out var password) && password?.ToString() is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }

    [GeneratedRegex("(key|password|pwd|secret|token)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(
        """(?<keep>\b(?:password|pwd)\s*=\s*)[^;\s"']+|(?<keep>[?&](?:code|key|api[-_]?key|sig|token)=)[^&\s"']+|(?<keep>\b(?:x-api-key|api-key|authorization)["']?\s*[:=]\s*["']?(?:bearer\s+)?)[^\s"',;]+|(?<keep>\bbearer\s+)[A-Za-z0-9\-._~+/]+=*""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialPattern();
}
