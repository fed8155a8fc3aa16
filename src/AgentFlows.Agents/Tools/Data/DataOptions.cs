namespace AgentFlows.Agents.Tools.Data;

/// <summary>Where the data tools may read and write, and how much.</summary>
public sealed class DataOptions
{
    /// <summary>Gets or sets the data folder; files outside it are refused. Null means no file access (inline CSV only).</summary>
    public string? Root { get; set; }

    /// <summary>Gets or sets the largest file read, in bytes (default 10 MiB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Gets or sets the largest inline CSV, in characters (default 1 MiB).</summary>
    public int MaxInlineChars { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the most data rows read (default 100,000).</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Gets or sets the most columns read (default 500).</summary>
    public int MaxColumns { get; set; } = 500;

    /// <summary>Gets or sets the most changes a cleaning report lists one by one (the counts stay exact; default 1,000).</summary>
    public int MaxReportedChanges { get; set; } = 1000;

    /// <summary>Gets or sets the largest cleaned CSV also returned inline in a step's output, in characters (default 64 KiB).</summary>
    public int MaxInlineOutputChars { get; set; } = 64 * 1024;

    /// <summary>
    /// Gets or sets a pause at the start of every apply step of the data-cleaning lifecycle (default none). Only for
    /// demonstrations and tests that stop a host mid-round; never set it in production.
    /// </summary>
    public TimeSpan LifecycleApplyDelay { get; set; }
}
