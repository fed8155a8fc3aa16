namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>API keys of two tenants, A and B, with every role; the keys the <see cref="KeyedFactory"/> configures.</summary>
internal static class TestKeys
{
    public const string AdminA = "admin-key-tenant-a-0001";
    public const string OperatorA = "operator-key-tenant-a-0002";
    public const string ReaderA = "reader-key-tenant-a-0003";
    public const string AdminB = "admin-key-tenant-b-0004";
    public const string OperatorB = "operator-key-tenant-b-0005";
    public const string ReaderB = "reader-key-tenant-b-0006";

    /// <summary>Gets the settings that configure the keys.</summary>
    /// <returns>The settings.</returns>
    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>();
        var keys = new[] { (AdminA, "tenant-a", "admin"), (OperatorA, "tenant-a", "operator"), (ReaderA, "tenant-a", "reader"), (AdminB, "tenant-b", "Admin"), (OperatorB, "tenant-b", "operator"), (ReaderB, "tenant-b", "reader") };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"AgentFlows:Auth:Keys:{i}:Key"] = keys[i].Item1;
            settings[$"AgentFlows:Auth:Keys:{i}:Tenant"] = keys[i].Item2;
            settings[$"AgentFlows:Auth:Keys:{i}:Role"] = keys[i].Item3;
        }

        return settings;
    }
}

/// <summary>The host with the <see cref="TestKeys"/> configured.</summary>
public sealed class KeyedFactory() : AgentFlowsFactory(TestKeys.Settings());
