namespace AgentFlows.Cli.Watch;

/// <summary>The progress of one plan step as the watch display shows it.</summary>
/// <param name="id">The step id.</param>
internal sealed class StepProgress(string id)
{
    /// <summary>Gets the step id.</summary>
    public string Id { get; } = id;

    /// <summary>Gets or sets the tool the step calls.</summary>
    public string? Tool { get; set; }

    /// <summary>Gets or sets the step's status.</summary>
    public string Status { get; set; } = "Pending";

    /// <summary>Gets or sets how many times the step was attempted.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets when the step first started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Gets or sets when the step ended.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Gets or sets the step's last error.</summary>
    public string? Error { get; set; }

    /// <summary>Gets how long the step ran, or has been running at <paramref name="now"/>.</summary>
    /// <param name="now">The current time, for a step still running.</param>
    /// <returns>The duration, or <see langword="null"/> before the step started.</returns>
    public TimeSpan? Duration(DateTimeOffset now) => StartedAt is not { } started
        ? null
        : (CompletedAt ?? (IsFinished ? started : now)) - started;

    /// <summary>Gets a value indicating whether the step will not run again (unless the run is rewound).</summary>
    public bool IsFinished => Status is "Completed" or "Failed" or "Skipped" or "Canceled";
}
