namespace AgentFlows.Agents.Runs;

/// <summary>Per-step retry options and the human-approval path of the run loop.</summary>
internal sealed partial class RunExecution
{
    private TaskOptions StepRetry => TaskOptions.FromRetryPolicy(
        new RetryPolicy(Math.Clamp(request.MaxAttempts ?? 3, 1, 20), TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30)) { JitterFactor = 0.2 });

    private TimeSpan ApprovalTimeout => TimeSpan.FromSeconds(Math.Clamp(request.ApprovalTimeoutSeconds ?? 86_400, 1, 30 * 86_400));

    /// <summary>Records the request, waits (durably, with a timeout) for a decision, and returns it (null on timeout).</summary>
    private async Task<ApprovalDecision?> AskAsync(Plans.PlanStep step, Exception error, string reason)
    {
        var message = error is TaskFailedException failed ? failed.FailureDetails.ErrorMessage : error.Message;
        await context.CallActivityAsync<bool>(RunNames.ApprovalActivity, new ApprovalRequest(step.Id, message, reason));
        _waiting.Add(step.Id);
        ReportPhase();
        try
        {
            return await context.WaitForExternalEvent<ApprovalDecision>(RunNames.ApprovalEvent(step.Id), ApprovalTimeout);
        }
        catch (TaskCanceledException)
        {
            return null;
        }
        finally
        {
            _waiting.Remove(step.Id);
            ReportPhase();
        }
    }

    private void ReportPhase() =>
        context.SetCustomStatus(new RunPhase(_waiting.Count > 0 ? "WaitingForApproval" : "Running", [.. _waiting]));
}
