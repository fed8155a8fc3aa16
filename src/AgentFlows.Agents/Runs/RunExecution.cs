using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Wait;

namespace AgentFlows.Agents.Runs;

/// <summary>The scheduling loop of one run: fan out ready steps, fan in their outcomes, stop launching on failure.</summary>
internal sealed partial class RunExecution(TaskOrchestrationContext context, RunRequest request, Plan plan)
{
    private const int DefaultParallelism = 8;
    private readonly PlanGraph _graph = new(plan);
    private readonly ReferenceResolver _resolver = new(plan);
    private readonly Dictionary<string, JsonNode?> _outputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private readonly Dictionary<Task<StepOutcome>, string> _running = [];
    private readonly SortedSet<string> _waiting = new(StringComparer.Ordinal);
    private Exception? _failure;

    private int MaxParallelism => Math.Clamp(request.MaxParallelism ?? DefaultParallelism, 1, 64);

    private bool AskOnFailure => string.Equals(request.OnStepFailure, "ask", StringComparison.OrdinalIgnoreCase);

    public async Task<RunResult> RunAsync()
    {
        ReportPhase();
        while (true)
        {
            if (_failure is null)
            {
                foreach (var step in _graph.ReadySteps(_done, _failed, _running.Values).Take(MaxParallelism - _running.Count))
                {
                    _running[RunStepAsync(step)] = step.Id;
                }
            }

            if (_running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(_running.Keys);
            _running.Remove(finished);
            Apply(await finished);
        }

        if (_failure is not null)
        {
            // Re-thrown as is: the run's failure names the step's own error, and rewind re-runs that step.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        var last = plan.Steps.Count == 0 ? null : plan.Steps[^1].Id;
        return new RunResult { Result = last is null ? null : _outputs.GetValueOrDefault(last)?.DeepClone(), Outputs = _outputs };
    }

    private void Apply(StepOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case StepOutcomeKind.Completed or StepOutcomeKind.Skipped:
                _outputs[outcome.StepId] = outcome.Output;
                _done.Add(outcome.StepId);
                break;
            default:
                // Fail fast, but not abruptly: nothing new starts, steps under way finish and are recorded.
                _failed.Add(outcome.StepId);
                _failure ??= outcome.Error;
                break;
        }
    }

    private async Task<StepOutcome> RunStepAsync(PlanStep step)
    {
        while (true)
        {
            try
            {
                return StepOutcome.Completed(step.Id, await InvokeAsync(step));
            }
            catch (Exception ex) when (ex is TaskFailedException or ReferenceResolutionException or NonRetriableException)
            {
                // Some failures pause the run for a human instead of failing it (see EscalationOf).
                var escalation = EscalationOf(ex);
                if (!AskOnFailure && escalation is null)
                {
                    return StepOutcome.Failed(step.Id, ex);
                }

                var decision = await AskAsync(step, ex, escalation ?? "failure");
                switch (decision?.Decision?.ToLowerInvariant())
                {
                    case "retry":
                        continue;
                    case "skip":
                        return StepOutcome.Skipped(step.Id);
                    case "abort":
                        return StepOutcome.Failed(step.Id, new RunAbortedException($"The run was aborted at step '{step.Id}' by an approver{(decision.Note is { Length: > 0 } n ? ": " + n : ".")}"));
                    default:
                        return StepOutcome.Failed(step.Id, new RunAbortedException($"Step '{step.Id}' waited for approval for {ApprovalTimeout} and none came."));
                }
            }
        }
    }

    private async Task<JsonNode?> InvokeAsync(PlanStep step)
    {
        var args = _resolver.Resolve(step.Args, _outputs);
        if (step.Tool == ToolNames.Wait)
        {
            await context.CreateTimer(context.CurrentUtcDateTime.Add(WaitTool.Duration(args)), step.Id, CancellationToken.None);
            return null;
        }

        if (step.Tool == ToolNames.DataLifecycle)
        {
            return await RunLifecycleAsync(step, args);
        }

        if (step.Tool == ToolNames.CodePython)
        {
            return await RunPythonAsync(step, args);
        }

        return await context.CallActivityAsync<JsonNode?>(step.Tool, InvocationFor(step, args), StepRetry);
    }
}
