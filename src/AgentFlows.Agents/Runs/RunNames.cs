namespace AgentFlows.Agents.Runs;

/// <summary>The names the agent-run orchestration uses in history; the run projection reads them back.</summary>
public static class RunNames
{
    /// <summary>The orchestration behind a run.</summary>
    public const string Orchestrator = "AgentRun";

    /// <summary>The activity that plans a run that arrived without a plan.</summary>
    public const string PlanActivity = "agent.plan";

    /// <summary>The activity that records an approval request (a marker in history; it notifies nobody yet).</summary>
    public const string ApprovalActivity = "agent.requestApproval";

    /// <summary>The activity that records that a step is re-run by self-healing (a marker in history, read as <c>step.retrying</c>).</summary>
    public const string RetryActivity = "agent.retryStep";

    /// <summary>The activity that asks the LLM to repair failed <c>code.python</c> code.</summary>
    public const string RepairActivity = "agent.repairCode";

    /// <summary>The event-name prefix of approval decisions: <c>approve:&lt;stepId&gt;</c>.</summary>
    public const string ApprovalEventPrefix = "approve:";

    /// <summary>Gets the approval event name of a step.</summary>
    /// <param name="stepId">The step id.</param>
    /// <returns>The event name.</returns>
    public static string ApprovalEvent(string stepId) => ApprovalEventPrefix + stepId;
}
