using AgentFlows.Host.Configuration;
using AgentFlows.Hosting;
using Microsoft.Extensions.Configuration;

namespace AgentFlows.Host.Tests.Configuration;

/// <summary>host.json's Durable Functions versioning keys (extensions.durableTask.defaultVersion, versionMatchStrategy, versionFailureStrategy).</summary>
public sealed class VersioningSettingsTests
{
    [Fact]
    public void Load_VersioningKeys_ReachTheWorkerOptions()
    {
        var settings = Load(("defaultVersion", " 2.0 "), ("versionMatchStrategy", "currentOrOlder"), ("versionFailureStrategy", "Fail"));

        Assert.Equal("2.0", settings.Worker.DefaultVersion);
        Assert.Equal(VersionMatchStrategy.CurrentOrOlder, settings.Worker.VersionMatchStrategy);
        Assert.Equal(VersionFailureStrategy.Fail, settings.Worker.VersionFailureStrategy);
    }

    [Fact]
    public void Load_NoVersioningKeys_UnversionedAndRunsEverything()
    {
        var settings = Load();

        Assert.Equal(string.Empty, settings.Worker.DefaultVersion);
        Assert.Equal(VersionMatchStrategy.None, settings.Worker.VersionMatchStrategy);
        Assert.Equal(VersionFailureStrategy.Reject, settings.Worker.VersionFailureStrategy);
    }

    [Theory]
    [InlineData("versionMatchStrategy", "Latest", "None, Strict, CurrentOrOlder")]
    [InlineData("versionMatchStrategy", "1", "None, Strict, CurrentOrOlder")]
    [InlineData("versionFailureStrategy", "Ignore", "Reject, Fail")]
    public void Load_UnknownStrategy_StopsWithOneLineNamingSettingAndAcceptedValues(string key, string value, string accepted)
    {
        var ex = Assert.Throws<SettingsException>(() => Load((key, value)));

        Assert.Equal("extensions.durableTask." + key, ex.Setting);
        Assert.Equal($"Invalid setting extensions.durableTask.{key}: '{value}'. Accepted: {accepted}.", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    private static AgentFlowsSettings Load(params (string Key, string Value)[] durableTask)
    {
        var values = durableTask.ToDictionary(
            kv => FunctionsConfiguration.HostSection + ":extensions:durableTask:" + kv.Key, kv => (string?)kv.Value);
        values["AgentFlowsStorage"] = "Data Source=:memory:";
        return AgentFlowsSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Path.GetTempPath());
    }
}
