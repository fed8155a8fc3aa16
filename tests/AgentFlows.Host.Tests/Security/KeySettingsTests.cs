using AgentFlows.Host.Configuration;
using AgentFlows.Host.Security;
using Microsoft.Extensions.Configuration;

namespace AgentFlows.Host.Tests.Security;

/// <summary>Reading the keys from settings, and finding a presented key.</summary>
public sealed class KeySettingsTests
{
    [Fact]
    public void LoadKeys_ValidEntries_FindsEachKeyWithItsTenantAndRole()
    {
        var ring = SecuritySettings.LoadKeys(Config(("0", "first-key-0123456789", "acme", "Operator"), ("1", "second-key-0123456789", "globex", "reader")));

        var first = ring.Find("first-key-0123456789");
        var second = ring.Find("second-key-0123456789");

        Assert.Equal(("key#0", "acme", CallerRole.Operator), (first!.Id, first.Tenant, first.Role));
        Assert.Equal(("key#1", "globex", CallerRole.Reader), (second!.Id, second.Tenant, second.Role));
        Assert.Null(ring.Find("first-key-012345678"));
        Assert.Null(ring.Find("first-key-0123456789 "));
        Assert.Null(ring.Find(string.Empty));
    }

    [Fact]
    public void LoadKeys_UnknownRole_StopsNamingTheSetting()
    {
        var ex = Assert.Throws<SettingsException>(() => SecuritySettings.LoadKeys(Config(("0", "first-key-0123456789", "acme", "owner"))));

        Assert.Equal("AgentFlows__Auth__Keys__0__Role", ex.Setting);
        Assert.Contains("reader, operator, admin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadKeys_ShortKey_StopsWithoutShowingTheKey()
    {
        var ex = Assert.Throws<SettingsException>(() => SecuritySettings.LoadKeys(Config(("0", "short-key", "acme", "admin"))));

        Assert.Equal("AgentFlows__Auth__Keys__0__Key", ex.Setting);
        Assert.DoesNotContain("short-key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadKeys_NoTenant_StopsNamingTheSetting()
    {
        var ex = Assert.Throws<SettingsException>(() => SecuritySettings.LoadKeys(Config(("0", "first-key-0123456789", " ", "admin"))));

        Assert.Equal("AgentFlows__Auth__Keys__0__Tenant", ex.Setting);
    }

    [Fact]
    public void LoadKeys_None_RingHasNoKeys()
    {
        Assert.False(SecuritySettings.LoadKeys(Config()).HasKeys);
    }

    private static IConfiguration Config(params (string Index, string Key, string Tenant, string Role)[] keys)
    {
        var values = new Dictionary<string, string?>();
        foreach (var k in keys)
        {
            values[$"AgentFlows:Auth:Keys:{k.Index}:Key"] = k.Key;
            values[$"AgentFlows:Auth:Keys:{k.Index}:Tenant"] = k.Tenant;
            values[$"AgentFlows:Auth:Keys:{k.Index}:Role"] = k.Role;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
