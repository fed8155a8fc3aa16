namespace AgentFlows;

/// <summary>Thrown into orchestrator code when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TaskFailedException"/> class.</summary>
    /// <param name="taskName">The activity or sub-orchestration name.</param>
    /// <param name="taskId">The task's sequence number in the orchestration.</param>
    /// <param name="failureDetails">What failed.</param>
    public TaskFailedException(string taskName, int taskId, FailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Gets the activity or sub-orchestration name.</summary>
    public string TaskName { get; }

    /// <summary>Gets the task's sequence number.</summary>
    public int TaskId { get; }

    /// <summary>Gets the failure details recorded in history.</summary>
    public FailureDetails FailureDetails { get; }
}
