namespace AgentFlows.Agents.Tools.Data;

/// <summary>
/// The configured data folder: the only place data tools read or write files. Paths are resolved against it and
/// refused when they lead outside it, through ".." or through a symbolic link.
/// </summary>
public sealed class DataFolder
{
    private readonly DataOptions _options;

    /// <summary>Initializes a new instance of the <see cref="DataFolder"/> class.</summary>
    /// <param name="options">The options.</param>
    public DataFolder(DataOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Gets the options.</summary>
    public DataOptions Options => _options;

    /// <summary>Resolves a path to an existing file inside the data folder.</summary>
    /// <param name="path">Relative to the data folder, or absolute inside it.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="DataException">No data folder, a path outside it, no such file, or a file over the size limit.</exception>
    public string ResolveExisting(string path)
    {
        var full = Resolve(path);
        var file = new FileInfo(full);
        if (!file.Exists)
        {
            throw new DataException($"There is no file '{path}' in the data folder.");
        }

        return file.Length > _options.MaxFileBytes
            ? throw new DataException($"The file '{path}' is {file.Length:N0} bytes, over the limit of {_options.MaxFileBytes:N0}.")
            : full;
    }

    /// <summary>Resolves a path inside the data folder for writing; the file need not exist.</summary>
    /// <param name="path">Relative to the data folder, or absolute inside it.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="DataException">No data folder, or a path outside it.</exception>
    public string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = RootPath();
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new DataException("The path is empty or holds a NUL character.");
        }

        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DataException($"The path '{path}' leads outside the data folder; only files under it can be used.");
        }

        CheckLinks(root, full, path);
        return full;
    }

    /// <summary>Gives the path of a file relative to the data folder, with '/' separators.</summary>
    /// <param name="fullPath">A full path inside the data folder.</param>
    /// <returns>The relative path.</returns>
    public string Relative(string fullPath) => Path.GetRelativePath(RootPath(), fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private string RootPath()
    {
        if (string.IsNullOrWhiteSpace(_options.Root))
        {
            throw new DataException("No data folder is configured, so files cannot be read or written; pass the CSV inline instead.");
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(_options.Root));
        var target = new DirectoryInfo(root).ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? root : Path.TrimEndingDirectorySeparator(target.FullName);
    }

    // A link anywhere below the root could point outside it, so every existing component is checked.
    private static void CheckLinks(string root, string full, string path)
    {
        var current = root;
        foreach (var part in Path.GetRelativePath(root, full).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null)
            {
                continue;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current;
            if (!Path.GetFullPath(target).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new DataException($"The path '{path}' leads outside the data folder through a link; only files under it can be used.");
            }
        }
    }
}
