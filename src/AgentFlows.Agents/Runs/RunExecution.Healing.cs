using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Python;

namespace AgentFlows.Agents.Runs;

/// <summary>
/// Self-healing of <c>code.python</c> steps, decided from the failure class in FailureDetails (so replay decides the
/// same): out of memory or time → the limit doubled up to its cap; the code's own error → an LLM repair (at most
/// <see cref="SandboxOptions.MaxRepairs"/>), or without an LLM the run's <c>onStepFailure</c>; a cap or the repair
/// budget reached → a human is asked, whatever <c>onStepFailure</c> says. Every re-run is recorded as a marker.
/// </summary>
internal sealed partial class RunExecution
{
    // The arguments the last healed attempt of a step ran with, so an approver's "retry" resumes from there.
    private readonly Dictionary<string, JsonObject> _healedArgs = new(StringComparer.Ordinal);

    private async Task<JsonNode?> RunPythonAsync(PlanStep step, JsonObject args)
    {
        args = _healedArgs.TryGetValue(step.Id, out var healed) ? (JsonObject)healed.DeepClone() : args;
        var repairs = 0;
        while (true)
        {
            try
            {
                return await context.CallActivityAsync<JsonNode?>(step.Tool, InvocationFor(step, args), StepRetry);
            }
            catch (TaskFailedException ex) when (SandboxFailure.TryParse(ex.FailureDetails.ErrorMessage, out var failure))
            {
                var message = ex.FailureDetails.ErrorMessage;
                var next = failure.Kind switch
                {
                    SandboxFailureKind.Memory or SandboxFailureKind.Time => Grow(args, failure, message),
                    SandboxFailureKind.Code => await RepairAsync(step, args, failure, message, ++repairs),
                    _ => null,
                };
                if (next is null)
                {
                    throw;
                }

                await context.CallActivityAsync<bool>(RunNames.RetryActivity, next.Notice with { StepId = step.Id });
                args = next.Args;
                _healedArgs[step.Id] = (JsonObject)args.DeepClone();
            }
        }
    }

    // Doubles the limit that ran out; at the cap there is nothing left to try alone.
    private static Healing Grow(JsonObject args, SandboxFailure failure, string message)
    {
        var memory = failure.MemoryMb;
        var timeout = failure.TimeoutSeconds;
        if (failure.Kind == SandboxFailureKind.Memory ? memory >= failure.MaxMemoryMb : timeout >= failure.MaxTimeoutSeconds)
        {
            throw new SandboxEscalationException(failure, message, failure.Kind == SandboxFailureKind.Memory ? "the memory cap is reached" : "the time cap is reached");
        }

        (memory, timeout) = failure.Kind == SandboxFailureKind.Memory
            ? (Math.Min(memory * 2, failure.MaxMemoryMb), timeout)
            : (memory, Math.Min(timeout * 2, failure.MaxTimeoutSeconds));
        var next = (JsonObject)args.DeepClone();
        next["memoryMb"] = memory;
        next["timeoutSeconds"] = timeout;
        return new Healing(next, new StepRetryNotice("", failure.Name, Limits(memory, timeout), message));
    }

    private async Task<Healing?> RepairAsync(PlanStep step, JsonObject args, SandboxFailure failure, string message, int repair)
    {
        var code = args["code"]?.GetValue<string>() ?? "";
        var outcome = await context.CallActivityAsync<CodeRepairOutcome>(RunNames.RepairActivity, new CodeRepairRequest(step.Id, code, message, repair, Tenant), StepRetry);
        switch (outcome.Outcome)
        {
            case "repaired":
                var next = (JsonObject)args.DeepClone();
                next["code"] = outcome.Code;
                return new Healing(next, new StepRetryNotice("", "repaired", Limits(failure.MemoryMb, failure.TimeoutSeconds), message, repair));
            case "limitReached":
                throw new SandboxEscalationException(failure, message, outcome.Detail ?? "the repair budget is spent");
            default:
                // No LLM (or it failed): no blind retry; the run's onStepFailure decides.
                return null;
        }
    }

    // An LLM budget that would be exceeded, or sandboxed code healing could not fix, needs a human whatever onStepFailure says.
    private static string? EscalationOf(Exception error) => error switch
    {
        TaskFailedException { FailureDetails.ErrorType: var type } when type.EndsWith(".LlmBudgetExceededException", StringComparison.Ordinal) => "budget",
        SandboxEscalationException => "sandbox",
        _ => null,
    };

    private static JsonObject Limits(int memoryMb, int timeoutSeconds) => new() { ["memoryMb"] = memoryMb, ["timeoutSeconds"] = timeoutSeconds };

    private sealed record Healing(JsonObject Args, StepRetryNotice Notice);
}

/// <summary>Self-healing of a sandboxed step ran out of options: a human decides, with the whole context in the message.</summary>
internal sealed class SandboxEscalationException(SandboxFailure failure, string error, string why)
    : NonRetriableException($"code.python could not heal itself ({why}): {failure.Name} failure at memoryMb={failure.MemoryMb}/{failure.MaxMemoryMb}, timeoutSeconds={failure.TimeoutSeconds}/{failure.MaxTimeoutSeconds}.\n{error}");
