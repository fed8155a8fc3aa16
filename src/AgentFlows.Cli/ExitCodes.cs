namespace AgentFlows.Cli;

/// <summary>The process exit codes of the <c>agentflows</c> client.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked; with <c>run --watch</c>, the run completed.</summary>
    public const int Success = 0;

    /// <summary>The server answered with a problem, or the watched run failed or was canceled.</summary>
    public const int Failed = 1;

    /// <summary>The server could not be reached, or its event stream kept dropping.</summary>
    public const int Unreachable = 2;

    /// <summary>The command line was invalid; the usage was printed on standard error.</summary>
    public const int Usage = 3;

    /// <summary>The user interrupted the command (Ctrl+C); a watched run goes on on the server.</summary>
    public const int Interrupted = 130;
}
