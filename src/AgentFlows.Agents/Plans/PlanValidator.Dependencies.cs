namespace AgentFlows.Agents.Plans;

/// <content>References, dependencies and cycles.</content>
public sealed partial class PlanValidator
{
    private static void CheckDependencies(Plan plan, List<PlanProblem> problems)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            index.TryAdd(plan.Steps[i].Id ?? "", i);
        }

        var edges = new List<int>[plan.Steps.Count];
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            edges[i] = [];
            var step = plan.Steps[i];
            var id = string.IsNullOrWhiteSpace(step.Id) ? null : step.Id;
            foreach (var dependency in step.DependsOn.Distinct(StringComparer.Ordinal))
            {
                AddDependency(dependency, $"depends on '{dependency}'", allowLater: true);
            }

            foreach (var reference in StepReferences.FindAll(step.Args).DistinctBy(r => r.Text))
            {
                var target = reference.Resolve(plan);
                if (target is null)
                {
                    var why = reference.StepNumber is int n
                        ? $"refers to {reference.Text}, but the plan has {plan.Steps.Count} step{(plan.Steps.Count == 1 ? "" : "s")} (N counts from 1)"
                        : $"refers to {reference.Text}, but no step has the id '{reference.StepId}'";
                    problems.Add(new PlanProblem(id, PlanProblemCodes.MissingStep, Capitalize(why) + "."));
                    continue;
                }

                AddDependency(target, $"refers to {reference.Text}", allowLater: false);
            }

            void AddDependency(string target, string what, bool allowLater)
            {
                if (!index.TryGetValue(target, out var t))
                {
                    problems.Add(new PlanProblem(id, PlanProblemCodes.MissingStep, $"It {what}, which is not a step of this plan."));
                }
                else if (t == i || target == id)
                {
                    problems.Add(new PlanProblem(id, PlanProblemCodes.SelfReference, $"It {what}, that is itself."));
                }
                else
                {
                    if (!allowLater && t > i)
                    {
                        problems.Add(new PlanProblem(id, PlanProblemCodes.ForwardReference, $"It {what}, a step that comes later in the plan; only earlier steps' outputs can be used."));
                    }

                    edges[i].Add(t);
                }
            }
        }

        foreach (var cycle in CycleFinder.Find(edges))
        {
            var names = cycle.Append(cycle[0]).Select(c => plan.Steps[c].Id);
            problems.Add(new PlanProblem(
                plan.Steps[cycle[0]].Id,
                PlanProblemCodes.Cycle,
                $"Dependency cycle: {string.Join(" → ", names)} (each step waits for the next, so none can start)."));
        }
    }

    private static string Capitalize(string text) => string.Concat(text[..1].ToUpperInvariant(), text.AsSpan(1));
}
