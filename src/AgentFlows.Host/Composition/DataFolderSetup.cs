using System.Globalization;
using AgentFlows.Agents.Tools.Data;
using AgentFlows.Host.Configuration;

namespace AgentFlows.Host.Composition;

/// <summary>
/// The data folder of the data tools: <c>AgentFlows:Data:Folder</c> (relative to the content root), default
/// <c>.agentflows/data</c>. The repository's <c>samples/</c> files are copied into <c>samples/</c> under it at start-up
/// (when missing or older), so <c>clean data samples/messy.csv until clean</c> works from a fresh clone while the tools
/// still see only the data folder, never the repository with its settings and keys.
/// </summary>
internal static class DataFolderSetup
{
    /// <summary>Creates the folder, copies the samples and reads the limits.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="contentRoot">The content root.</param>
    /// <returns>The options.</returns>
    public static DataOptions Prepare(IConfiguration configuration, string contentRoot)
    {
        var setting = configuration["AgentFlows:Data:Folder"];
        var root = Path.GetFullPath(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(setting) ? Path.Combine(".agentflows", "data") : setting));
        Directory.CreateDirectory(root);
        CopySamples(Path.Combine(contentRoot, "samples"), Path.Combine(root, "samples"));
        return new DataOptions { Root = root, LifecycleApplyDelay = TimeSpan.FromMilliseconds(Delay(configuration)) };
    }

    private static void CopySamples(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*.csv"))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) < File.GetLastWriteTimeUtc(file))
            {
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    // Test and demo only: slows each lifecycle apply step so a host can be stopped mid-round.
    private static double Delay(IConfiguration configuration)
    {
        var text = configuration["AgentFlows:Data:LifecycleApplyDelayMilliseconds"];
        return string.IsNullOrWhiteSpace(text) ? 0
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and <= 600_000 ? ms
            : throw new SettingsException("AgentFlows__Data__LifecycleApplyDelayMilliseconds", text, "a number of milliseconds from 0 to 600000");
    }
}
