using System.Globalization;
using System.Reflection;

namespace AgentFlows.Storage;

/// <summary>
/// Finds and reads the versioned schema scripts a store embeds (<c>&lt;prefix&gt;NNN_name.sql</c>), so every store
/// migrates the same way: in version order, each version once.
/// </summary>
public static class EmbeddedScripts
{
    /// <summary>Lists the scripts under <paramref name="resourcePrefix"/> in version order.</summary>
    /// <param name="assembly">The assembly that embeds them.</param>
    /// <param name="resourcePrefix">The manifest resource prefix, ending in a dot.</param>
    /// <returns>The versions and resource names; throws when none exist or a version repeats.</returns>
    public static IReadOnlyList<(int Version, string Name)> Find(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n.AsSpan(resourcePrefix.Length, 3), NumberStyles.None, CultureInfo.InvariantCulture), Name: n))
            .OrderBy(s => s.Version)
            .ToList();
        if (scripts.Count == 0 || scripts.Select(s => s.Version).Distinct().Count() != scripts.Count)
        {
            throw new InvalidOperationException($"The embedded schema scripts ({resourcePrefix}*) are missing or have duplicate versions.");
        }

        return scripts;
    }

    /// <summary>Reads one embedded script.</summary>
    /// <param name="assembly">The assembly that embeds it.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>The script text.</returns>
    public static string Read(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded script '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
