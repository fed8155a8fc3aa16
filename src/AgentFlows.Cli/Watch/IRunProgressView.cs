using AgentFlows.Cli.Api;

namespace AgentFlows.Cli.Watch;

/// <summary>Shows a watched run's progress: a live table on a terminal, plain lines elsewhere.</summary>
internal interface IRunProgressView
{
    /// <summary>Shows the progress after an event was applied to it.</summary>
    /// <param name="progress">The progress, already updated.</param>
    /// <param name="e">The event.</param>
    /// <param name="step">The step the event is about, if any.</param>
    void OnEvent(RunProgress progress, RunEvent e, StepProgress? step);

    /// <summary>Shows the progress as a whole (at the start and once the run ended).</summary>
    /// <param name="progress">The progress.</param>
    void Refresh(RunProgress progress);
}
