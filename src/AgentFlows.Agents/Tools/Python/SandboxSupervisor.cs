namespace AgentFlows.Agents.Tools.Python;

/// <summary>
/// The small Python program that starts the code inside the sandbox. It runs as root of the sandbox (holding only
/// CAP_SETUID, CAP_SETGID and CAP_CHOWN), hands the work folder to the run's own user id, and forks the code as that
/// user under its rlimits: as a user other than root, RLIMIT_NPROC is enforced (the kernel ignores it for root).
/// After the code ends it reports the exit status and the child's rusage as the last line of stderr.
/// </summary>
internal static class SandboxSupervisor
{
    /// <summary>The marker that starts the usage line.</summary>
    public const string UsageMarker = "\n\u001eagentflows-usage ";

    /// <summary>The program; arguments: python, uid (-1: stay as is), memory bytes, cpu seconds, processes, file bytes. The code comes on stdin.</summary>
    public const string Program = """
        import os, sys, json, resource
        python, uid, mem, cpu, nproc, fsize = sys.argv[1], *(int(a) for a in sys.argv[2:7])
        with open("/tmp/main.py", "wb") as f:
            f.write(sys.stdin.buffer.read())
        if uid >= 0:
            os.chown("/work", uid, uid)
        null = os.open("/dev/null", os.O_RDONLY)
        pid = os.fork()
        if pid == 0:
            try:
                os.dup2(null, 0)
                if uid >= 0:
                    os.setgroups([]); os.setgid(uid); os.setuid(uid)
                resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
                resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
                resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
                os.execv(python, ["python3", "-I", "/tmp/main.py"])
            finally:
                os._exit(126)
        _, status, ru = os.wait4(pid, 0)
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + sig
        sys.stderr.write("\n\x1eagentflows-usage " + json.dumps({"exit": code, "signal": sig, "maxRssKb": ru.ru_maxrss, "cpuSeconds": ru.ru_utime + ru.ru_stime}) + "\n")
        sys.exit(code)
        """;
}
