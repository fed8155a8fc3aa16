using AgentFlows.Agents.Planning;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Runs;
using AgentFlows.Host.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentFlows.Host.Runs;

/// <summary>
/// Plans a run before it starts, so an unplannable prompt or an invalid plan is a 422 and nothing is written: a
/// caller's plan is validated, otherwise the pattern planner runs (synchronously: it is pure and fast). When an LLM
/// is configured and may plan, the run starts without a plan and its planning activity plans it.
/// </summary>
internal static class RunPlanning
{
    /// <summary>Returns the request with its plan and planner, or the 422 problem.</summary>
    /// <param name="request">The request as posted.</param>
    /// <param name="settings">Whether an LLM is configured, and the host's tool registry.</param>
    /// <returns>The planned request, or the problem.</returns>
    public static (RunRequest? Planned, ProblemHttpResult? Problem) Plan(RunRequest request, RunPlannerSettings settings)
    {
        var llmConfigured = settings.LlmConfigured;
        if (request.Plan is { } plan)
        {
            var problems = new PlanValidator(settings.Tools).Validate(plan);
            return problems.Count == 0 ? (request, null) : (null, InvalidPlan(problems));
        }

        try
        {
            // With an LLM that may plan, planning is a durable step of the run (the planning activity), not of this request.
            if (PlanRunActivity.PlansInActivity(request.Planner, llmConfigured))
            {
                return (request, null);
            }

            var outcome = PlanRunActivity.Plan(request.Prompt, request.Planner, llmConfigured, settings.Tools);
            return (request with { Plan = outcome.Plan, PlannedBy = outcome.Planner }, null);
        }
        catch (PlanningException ex)
        {
            var extensions = new Dictionary<string, object?> { ["fragment"] = ex.Fragment, ["reason"] = ex.Reason };
            return (null, ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, ApiProblems.Unplannable, "The prompt could not be planned", ex.Message, extensions));
        }
        catch (PlanValidationException ex)
        {
            return (null, InvalidPlan(ex.Problems));
        }
    }

    private static ProblemHttpResult InvalidPlan(IReadOnlyList<PlanProblem> problems)
    {
        var list = problems.Select(p => new Dictionary<string, object?> { ["stepId"] = p.StepId, ["code"] = p.Code, ["message"] = p.Message }).ToArray();
        return ApiProblems.Create(
            StatusCodes.Status422UnprocessableEntity,
            ApiProblems.InvalidPlan,
            "The plan is not valid",
            "The plan is not valid: " + string.Join("; ", problems) + ".",
            new Dictionary<string, object?> { ["problems"] = list });
    }
}
