using AgentFlows.Cli.Api;
using AgentFlows.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgentFlows.Cli.Watch;

/// <summary>
/// The watch display on a terminal: a Spectre table of the plan's steps (id, tool, status, attempts, duration),
/// redrawn in place on every event and once a second so running steps' durations tick.
/// </summary>
/// <param name="context">The Spectre live-display context.</param>
/// <param name="timeProvider">The clock for running steps' durations.</param>
internal sealed class LiveProgressView(LiveDisplayContext context, TimeProvider timeProvider) : IRunProgressView
{
    /// <inheritdoc/>
    public void OnEvent(RunProgress progress, RunEvent e, StepProgress? step) => Refresh(progress);

    /// <inheritdoc/>
    public void Refresh(RunProgress progress)
    {
        context.UpdateTarget(Render(progress, progress.ServerNow(timeProvider.GetUtcNow())));
        context.Refresh();
    }

    /// <summary>Builds the table for the current progress.</summary>
    /// <param name="progress">The progress.</param>
    /// <param name="now">The current time on the server's clock, for running steps.</param>
    /// <returns>The renderable table.</returns>
    public static IRenderable Render(RunProgress progress, DateTimeOffset now)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"run [bold]{Markup.Escape(progress.RunId)}[/] · {Styled(progress.Status)}")
            .AddColumn("Step")
            .AddColumn("Tool")
            .AddColumn("Status")
            .AddColumn(new TableColumn("Attempts").RightAligned())
            .AddColumn(new TableColumn("Duration").RightAligned());

        foreach (var step in progress.Steps)
        {
            table.AddRow(
                new Markup(Markup.Escape(step.Id)),
                new Markup(Markup.Escape(step.Tool ?? "-")),
                new Markup(Styled(step.Status) + (step.Error is { } error && !step.IsFinished ? $" [grey]{Markup.Escape(Formatting.OneLine(error, 40))}[/]" : string.Empty)),
                new Markup(step.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Markup(Formatting.Duration(step.Duration(now))));
        }

        if (progress.Steps.Count == 0)
        {
            table.AddRow(new Markup("[grey]waiting for the plan…[/]"));
        }

        if (progress.IsWaitingForApproval)
        {
            table.Caption($"[yellow]waiting for approval:[/] agentflows approve {Markup.Escape(progress.RunId)} --decision retry|skip|abort");
        }

        return table;
    }

    private static string Styled(string status) => status switch
    {
        "Completed" => "[green]Completed[/]",
        "Failed" => "[red]Failed[/]",
        "Canceled" => "[red]Canceled[/]",
        "Running" => "[yellow]Running[/]",
        "Retrying" => "[darkorange]Retrying[/]",
        "WaitingForApproval" => "[yellow]WaitingForApproval[/]",
        _ => $"[grey]{Markup.Escape(status)}[/]",
    };
}
