using AgentFlows.Cli.Api;

namespace AgentFlows.Cli.Watch;

/// <summary>
/// What the watch display knows about a run: its status and its steps in plan order, built from
/// <c>GET /api/runs/{runId}</c> and updated by each event of the stream.
/// </summary>
/// <param name="runId">The run id.</param>
internal sealed class RunProgress(string runId)
{
    private readonly List<StepProgress> _steps = [];

    /// <summary>Gets the lock that a reader on another thread (the live display's clock) takes with the writer.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Gets the run id.</summary>
    public string RunId { get; } = runId;

    /// <summary>Gets the run's status.</summary>
    public string Status { get; private set; } = "Pending";

    /// <summary>Gets the steps in plan order (steps first seen in events come last).</summary>
    public IReadOnlyList<StepProgress> Steps => _steps;

    /// <summary>Gets the run's result text once it completed.</summary>
    public string? Result { get; private set; }

    /// <summary>Gets the run's error text once it failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the server time of the last event applied.</summary>
    public DateTimeOffset? LastEventAt { get; private set; }

    /// <summary>Gets the local time at which the last event was applied.</summary>
    public DateTimeOffset? LastEventReceivedAt { get; private set; }

    /// <summary>Gets a value indicating whether the run is waiting for an <c>approve</c> decision.</summary>
    public bool IsWaitingForApproval => Status == "WaitingForApproval";

    /// <summary>Takes the server's view of the run: its plan, and with <paramref name="includeProgress"/> its progress.</summary>
    /// <param name="run">The run as the server returned it.</param>
    /// <param name="includeProgress">
    /// Whether to take status, attempts, timings and errors too. While the event stream is being followed it is
    /// <see langword="false"/>: the stream replays the run from the start, and counting a step's start both from a
    /// snapshot and from its event would count it twice.
    /// </param>
    public void Apply(RunDetails run, bool includeProgress)
    {
        foreach (var step in run.Plan?.Steps ?? [])
        {
            GetOrAdd(step.Id).Tool ??= step.Tool;
        }

        if (!includeProgress)
        {
            return;
        }

        Status = run.Status;
        Result = ApiJson.ToText(run.Result) ?? Result;
        Error = ApiJson.ToErrorText(run.Error) ?? Error;
        foreach (var step in run.Plan?.Steps ?? [])
        {
            var progress = GetOrAdd(step.Id);
            progress.Tool = step.Tool ?? progress.Tool;
            progress.Status = step.Status ?? progress.Status;
            progress.Attempts = step.Attempts ?? progress.Attempts;
            progress.StartedAt = step.StartedAt ?? progress.StartedAt;
            progress.CompletedAt = step.CompletedAt ?? progress.CompletedAt;
            progress.Error = ApiJson.ToErrorText(step.Error) ?? progress.Error;
        }
    }

    /// <summary>
    /// Estimates the server's clock: the last event's time plus the local time passed since it arrived, so running
    /// steps' durations do not depend on the two clocks agreeing.
    /// </summary>
    /// <param name="localNow">The local time now.</param>
    /// <returns>The estimate, or <paramref name="localNow"/> before any event.</returns>
    public DateTimeOffset ServerNow(DateTimeOffset localNow) =>
        LastEventAt is { } at && LastEventReceivedAt is { } received ? at + (localNow - received) : localNow;

    /// <summary>Applies one event.</summary>
    /// <param name="e">The event.</param>
    /// <param name="receivedAt">The local time the event arrived.</param>
    /// <returns>The step the event is about, or <see langword="null"/> for a run-level event.</returns>
    public StepProgress? Apply(RunEvent e, DateTimeOffset receivedAt)
    {
        LastEventAt = e.At;
        LastEventReceivedAt = receivedAt;
        var step = e.StepId is { Length: > 0 } id ? GetOrAdd(id) : null;
        if (step is not null && e.Get("tool") is { } tool)
        {
            step.Tool = ApiJson.ToText(tool) ?? step.Tool;
        }

        switch (e.Type)
        {
            case RunEventTypes.RunStarted or RunEventTypes.ApprovalResolved or RunEventTypes.RunRewound:
                Status = "Running";
                break;
            case RunEventTypes.ApprovalRequested:
                Status = "WaitingForApproval";
                break;
            case RunEventTypes.RunCompleted:
                Status = "Completed";
                Result = ApiJson.ToText(e.Get("result") ?? e.Get("output")) ?? Result;
                break;
            case RunEventTypes.RunFailed:
                Status = "Failed";
                Error = ApiJson.ToErrorText(e.Get("error")) ?? Error;
                break;
            case RunEventTypes.RunCanceled:
                Status = "Canceled";
                Error = ApiJson.ToText(e.Get("reason")) ?? Error;
                break;
            case RunEventTypes.StepStarted when step is not null:
                step.Status = "Running";
                step.Attempts = e.GetInt32("attempt") ?? step.Attempts + 1;
                step.StartedAt ??= e.At;
                step.CompletedAt = null;
                break;
            case RunEventTypes.StepRetrying when step is not null:
                step.Status = "Retrying";
                step.Attempts = e.GetInt32("attempt") ?? step.Attempts;
                step.Error = ApiJson.ToErrorText(e.Get("error")) ?? step.Error;
                break;
            case RunEventTypes.StepCompleted when step is not null:
                step.Status = "Completed";
                step.CompletedAt = e.At;
                step.Attempts = Math.Max(step.Attempts, 1);
                break;
            case RunEventTypes.StepFailed when step is not null:
                step.Status = "Failed";
                step.CompletedAt = e.At;
                step.Attempts = e.GetInt32("attempts") ?? Math.Max(step.Attempts, 1);
                step.Error = ApiJson.ToErrorText(e.Get("error")) ?? step.Error;
                break;
        }

        return step;
    }

    /// <summary>Tells whether a step is known from the plan or earlier events.</summary>
    /// <param name="stepId">The step id.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public bool HasStep(string stepId) => _steps.Exists(s => s.Id == stepId);

    private StepProgress GetOrAdd(string id)
    {
        var step = _steps.Find(s => s.Id == id);
        if (step is null)
        {
            step = new StepProgress(id);
            _steps.Add(step);
        }

        return step;
    }
}
