using System.Globalization;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>The bubblewrap command line: what the code can see and do.</summary>
public sealed partial class PythonSandbox
{
    // Only what Python and its libraries need, read-only. Never the host's home, the data folder or secrets.
    private static readonly string[] _systemLinks = ["/bin", "/lib", "/lib64", "/sbin"];
    private static readonly string[] _etcEntries = ["/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime"];

    private static readonly (string Name, string Value)[] _environment =
    [
        ("PATH", "/usr/bin:/bin"), ("HOME", "/tmp"), ("LANG", "C.UTF-8"), ("PYTHONDONTWRITEBYTECODE", "1"),
        ("PYTHONUNBUFFERED", "1"), ("MPLCONFIGDIR", "/tmp"), ("AGENTFLOWS_DATA", "/data"),

        // One BLAS thread: each thread counts against the process limit and reserves address space.
        ("OPENBLAS_NUM_THREADS", "1"), ("OMP_NUM_THREADS", "1"), ("MKL_NUM_THREADS", "1"),
    ];

    private List<string> Arguments(string workDir, IReadOnlyList<SandboxInput> inputs, SandboxLimits limits, int uid)
    {
        var args = new List<string>
        {
            // No network, no view of host processes or IPC; a new session so the code cannot reach the host's terminal.
            "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session",
            "--ro-bind", "/usr", "/usr",
        };
        foreach (var path in _systemLinks)
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, path]);
            }
            else if (Directory.Exists(path))
            {
                args.AddRange(["--ro-bind", path, path]);
            }
        }

        args.AddRange(["--perms", "0755", "--dir", "/etc"]);
        foreach (var path in _etcEntries)
        {
            args.AddRange(["--ro-bind-try", path, path]);
        }

        args.AddRange(["--proc", "/proc", "--dev", "/dev"]);
        args.AddRange(["--size", Bytes(_options.TmpMb), "--perms", "1777", "--tmpfs", "/tmp"]);
        args.AddRange(["--bind", workDir, "/work", "--perms", "0755", "--dir", "/data"]);
        foreach (var input in inputs)
        {
            // bubblewrap would create missing parents as 0700 root, which the code's own user could not enter.
            var parent = "/data";
            foreach (var part in input.RelativePath.Split('/')[..^1])
            {
                parent += "/" + part;
                args.AddRange(["--perms", "0755", "--dir", parent]);
            }

            args.AddRange(["--ro-bind", input.HostPath, "/data/" + input.RelativePath]);
        }

        args.AddRange(["--chdir", "/work", "--clearenv"]);
        foreach (var (name, value) in _environment)
        {
            args.AddRange(["--setenv", name, value]);
        }

        // The supervisor needs only to change user and hand over /work; the code itself ends with no capability.
        // Unprivileged, bubblewrap maps only the host user: the code runs as that user, in a user namespace.
        args.AddRange(uid >= 0
            ? ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_CHOWN"]
            : ["--unshare-user", "--cap-drop", "ALL"]);
        args.AddRange([_options.PythonPath, "-I", "-S", "-c", SandboxSupervisor.Program, _options.PythonPath, Int(uid)]);
        args.AddRange([Bytes(limits.MemoryMb), Int(limits.CpuSeconds), Int(limits.Processes), Bytes(limits.FileMb)]);
        return args;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bytes(int mb) => (mb * 1024L * 1024L).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A file the code may read: where it is on the host and where it appears under <c>/data</c>.</summary>
/// <param name="HostPath">The full path on the host (validated inside the data folder).</param>
/// <param name="RelativePath">The path relative to the data folder, with '/' separators.</param>
public sealed record SandboxInput(string HostPath, string RelativePath);
