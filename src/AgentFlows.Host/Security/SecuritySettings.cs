using AgentFlows.Host.Configuration;

namespace AgentFlows.Host.Security;

/// <summary>
/// The API keys (<c>AgentFlows:Auth:Keys:N:Key</c>, <c>…:Tenant</c>, <c>…:Role</c>) read and validated at start-up; a
/// bad entry stops start-up with one line naming it (never showing the key).
/// </summary>
internal static class SecuritySettings
{
    /// <summary>The shortest key accepted: shorter ones are guessable.</summary>
    public const int MinKeyLength = 16;

    /// <summary>The tenant of loopback callers when no key is configured.</summary>
    public const string DefaultTenant = "default";

    /// <summary>Reads the keys.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The key ring.</returns>
    public static ApiKeyRing LoadKeys(IConfiguration configuration)
    {
        var entries = new List<ApiKeyEntry>();
        foreach (var section in configuration.GetSection("AgentFlows:Auth:Keys").GetChildren())
        {
            var name = "AgentFlows__Auth__Keys__" + section.Key;
            var key = section["Key"];
            if (string.IsNullOrWhiteSpace(key) || key.Length < MinKeyLength)
            {
                throw new SettingsException(name + "__Key", key is null ? null : "(hidden)", $"a key of at least {MinKeyLength} characters");
            }

            var tenant = section["Tenant"]?.Trim();
            if (string.IsNullOrEmpty(tenant) || tenant.Length > 128)
            {
                throw new SettingsException(name + "__Tenant", tenant, "a tenant name of 1 to 128 characters");
            }

            var role = (section["Role"] ?? string.Empty).Trim().ToLowerInvariant() switch
            {
                "reader" => CallerRole.Reader,
                "operator" => CallerRole.Operator,
                "admin" => CallerRole.Admin,
                _ => throw new SettingsException(name + "__Role", section["Role"], "reader, operator, admin"),
            };
            entries.Add(new ApiKeyEntry("key#" + section.Key, ApiKeyRing.Hash(key), tenant, role));
        }

        return new ApiKeyRing(entries);
    }
}
