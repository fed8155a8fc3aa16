using System.Security.Cryptography;
using System.Text;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>Where a cleaned CSV is published: beside its source, or for inline input under a name taken from a hash of it.</summary>
internal static class CleanedFile
{
    /// <summary>Writes a cleaned CSV beside its source (<c>&lt;name&gt;.cleaned.csv</c>), or for inline input at the top of
    /// the data folder as <c>inline-&lt;hash&gt;.cleaned.csv</c>, so a repeated attempt rewrites the same file.</summary>
    /// <returns>The written path relative to the data folder, or null when there is no data folder and nothing to write beside.</returns>
    public static async Task<string?> WriteAsync(DataFolder folder, string? source, string? inline, string csv, CancellationToken cancellationToken)
    {
        if (source is null && string.IsNullOrWhiteSpace(folder.Options.Root))
        {
            return null;
        }

        var full = folder.Resolve(NameFor(source, inline ?? csv));
        await File.WriteAllTextAsync(full, csv, cancellationToken).ConfigureAwait(false);
        return folder.Relative(full);
    }

    /// <summary>The name of a cleaned file: beside the source, or for inline input from a hash of it.</summary>
    /// <param name="source">The source path relative to the data folder, or null.</param>
    /// <param name="inline">The inline input, when there is no source.</param>
    /// <returns>The path relative to the data folder.</returns>
    public static string NameFor(string? source, string inline) => source is not null
        ? Path.Combine(Path.GetDirectoryName(source) ?? "", Path.GetFileNameWithoutExtension(source) + ".cleaned.csv").Replace('\\', '/')
        : $"inline-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inline)))[..12]}.cleaned.csv";
}
