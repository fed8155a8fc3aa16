using AgentFlows.Cli.Api;
using AgentFlows.Cli.Output;

namespace AgentFlows.Cli.Watch;

/// <summary>The watch display when standard output is not a terminal: one line per event, a table at the end.</summary>
/// <param name="output">Where lines go.</param>
internal sealed class PlainProgressView(TextWriter output) : IRunProgressView
{
    // A data step's result (a whole cleaning report) can run to megabytes; the summary shows its start.
    private const int MaxResultChars = 2000;
    private bool _started;

    /// <inheritdoc/>
    public void OnEvent(RunProgress progress, RunEvent e, StepProgress? step)
    {
        var line = Describe(progress, e, step);
        if (line is not null)
        {
            output.WriteLine(line);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The first refresh (before any event) prints nothing; the last one prints the summary.</remarks>
    public void Refresh(RunProgress progress)
    {
        if (!_started)
        {
            _started = true;
            return;
        }

        WriteSummary(progress, output);
    }

    /// <summary>Writes the final steps table and the run's result or error.</summary>
    /// <param name="progress">The run's final progress.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteSummary(RunProgress progress, TextWriter output)
    {
        if (progress.Steps.Count > 0)
        {
            var table = new TextTable("STEP", "TOOL", "STATUS", "ATTEMPTS", "DURATION");
            foreach (var s in progress.Steps)
            {
                table.AddRow(
                    s.Id,
                    s.Tool ?? "-",
                    s.Status,
                    s.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Formatting.Duration(s.CompletedAt - s.StartedAt));
            }

            table.WriteTo(output);
        }

        output.WriteLine($"run {progress.RunId} {progress.Status}");
        if (progress.Status == "Completed" && progress.Result is { } result)
        {
            output.WriteLine($"result: {Formatting.Clip(result, MaxResultChars, $"agentflows status {progress.RunId} --json")}");
        }
        else if (progress.Status != "Completed" && progress.Error is { } error)
        {
            output.WriteLine($"error: {error}");
        }
    }

    private static string? Describe(RunProgress progress, RunEvent e, StepProgress? step)
    {
        var name = step is null ? null : step.Tool is null ? $"step {step.Id}" : $"step {step.Id} ({step.Tool})";
        return e.Type switch
        {
            RunEventTypes.RunStarted => $"run {progress.RunId} started",
            RunEventTypes.PlanCreated => $"plan: {string.Join(", ", progress.Steps.Select(s => s.Tool is null ? s.Id : $"{s.Id} ({s.Tool})"))}",
            RunEventTypes.StepStarted when step is not null => $"{name} started, attempt {step.Attempts}",
            RunEventTypes.StepRetrying when step is not null => $"{name} retrying after attempt {step.Attempts}: {step.Error ?? "failed"}",
            RunEventTypes.StepCompleted when step is not null => $"{name} completed in {Formatting.Duration(step.Duration(e.At))}",
            RunEventTypes.StepFailed when step is not null => $"{name} failed after {step.Attempts} attempt(s): {step.Error ?? "no error given"}",
            RunEventTypes.ApprovalRequested =>
                $"run {progress.RunId} waits for approval{(name is null ? string.Empty : $" of {name}")}; answer with: agentflows approve {progress.RunId} --decision retry|skip|abort",
            RunEventTypes.ApprovalResolved => $"approval resolved: {ApiJson.ToText(e.Get("decision")) ?? "-"}",
            RunEventTypes.RunCompleted => $"run {progress.RunId} completed",
            RunEventTypes.RunFailed => $"run {progress.RunId} failed: {progress.Error ?? "no error given"}",
            RunEventTypes.RunCanceled => $"run {progress.RunId} canceled",
            RunEventTypes.RunRewound => $"run {progress.RunId} rewound",
            _ => name is null ? e.Type : $"{name} {e.Type}",
        };
    }
}
