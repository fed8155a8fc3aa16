using Spectre.Console;

namespace AgentFlows.Cli.Watch;

/// <summary>Runs a <see cref="RunWatcher"/> inside a Spectre live display, with a one-second clock for durations.</summary>
internal static class LiveWatch
{
    private static readonly TimeSpan _tick = TimeSpan.FromSeconds(1);

    /// <summary>Watches the run, drawing the live table on <paramref name="console"/>, until the run ends.</summary>
    /// <param name="watcher">The watcher.</param>
    /// <param name="progress">The run's progress.</param>
    /// <param name="console">The terminal console.</param>
    /// <param name="timeProvider">The clock of the redraws.</param>
    /// <param name="cancellationToken">Stops watching.</param>
    /// <returns>A task that completes once the run ended; the last table stays on screen.</returns>
    public static Task RunAsync(
        RunWatcher watcher,
        RunProgress progress,
        IAnsiConsole console,
        TimeProvider timeProvider,
        CancellationToken cancellationToken) =>
        console.Live(new Markup("[grey]connecting…[/]"))
            .AutoClear(false)
            .StartAsync(async context =>
            {
                var view = new LiveProgressView(context, timeProvider);
                using var stopClock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var clock = TickAsync(view, progress, timeProvider, stopClock.Token);
                try
                {
                    await watcher.WatchAsync(progress, view, cancellationToken);
                }
                finally
                {
                    await stopClock.CancelAsync();
                    await clock;
                }
            });

    private static async Task TickAsync(LiveProgressView view, RunProgress progress, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_tick, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lock (progress.Gate)
                {
                    view.Refresh(progress);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The watch is over.
        }
    }
}
