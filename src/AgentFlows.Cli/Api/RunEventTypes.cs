namespace AgentFlows.Cli.Api;

/// <summary>The event types of the Run API that the client acts on.</summary>
internal static class RunEventTypes
{
    public const string RunStarted = "run.started";
    public const string PlanCreated = "plan.created";
    public const string StepStarted = "step.started";
    public const string StepRetrying = "step.retrying";
    public const string StepCompleted = "step.completed";
    public const string StepFailed = "step.failed";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalResolved = "approval.resolved";
    public const string RunCompleted = "run.completed";
    public const string RunFailed = "run.failed";
    public const string RunCanceled = "run.canceled";
    public const string RunRewound = "run.rewound";

    /// <summary>Tells whether an event ends the run (and so its event stream).</summary>
    /// <param name="type">The event type.</param>
    /// <returns><see langword="true"/> for <c>run.completed</c>, <c>run.failed</c> and <c>run.canceled</c>.</returns>
    public static bool IsTerminal(string type) => type is RunCompleted or RunFailed or RunCanceled;
}
