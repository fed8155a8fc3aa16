using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.DataLifecycle;

/// <summary>
/// The <c>DataCleaningLifecycle</c> orchestration behind <c>data.lifecycle</c> ("clean data … until clean"):
/// load → per round (profile → plan → apply → validate) until the checks pass or <c>maxRounds</c> (default 3) run
/// out → publish the cleaned file and the report of every round.
/// </summary>
/// <remarks>
/// Every step is an activity, so every round is checkpointed: after a crash the replay skips the finished steps and
/// resumes inside the round in progress; a failed lifecycle rewinds to the failed step. Each round's dataset stays
/// in the work folder as <c>round-N.csv</c> for a person, or a rewind, to look at.
/// </remarks>
public sealed partial class DataCleaningLifecycleOrchestrator : TaskOrchestrator<DataLifecycleRequest, JsonNode?>
{
    private const int DefaultRounds = 3;

    /// <inheritdoc/>
    public override async Task<JsonNode?> RunAsync(TaskOrchestrationContext context, DataLifecycleRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = input with { RunId = input.RunId ?? context.InstanceId, StepId = input.StepId ?? "lifecycle" };
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(Math.Clamp(request.MaxAttempts ?? 3, 1, 20), TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30)));
        var maxRounds = request.Args["maxRounds"] is { } max ? (int)Json.JsonNumber.Get(max) : DefaultRounds;

        context.SetCustomStatus(new DataLifecycleStatus(0, "load"));
        var dataset = await context.CallActivityAsync<LoadedDataset>(DataLifecycleNames.Load, Invocation(request, request.Args), retry);
        var current = dataset.Path;
        var rounds = new JsonArray();
        var passed = false;
        IReadOnlyDictionary<string, string>? failed = null;
        for (var round = 1; round <= maxRounds && !passed; round++)
        {
            context.SetCustomStatus(new DataLifecycleStatus(round, "profile"));
            var profile = await context.CallActivityAsync<JsonObject>(DataLifecycleNames.Profile, new ProfileRequest(current, request.Args), retry);

            context.SetCustomStatus(new DataLifecycleStatus(round, "plan"));
            var plan = await context.CallActivityAsync<CleaningPlan>(DataLifecycleNames.Plan, new PlanRequest(round, profile, request.Args, failed, request.Tenant, request.RunId), retry);

            var output = $"{dataset.WorkFolder}/round-{round}.csv";
            var (actions, flagged, rowsOut) = await ApplyAsync(context, request, round, plan, current, output, retry);

            context.SetCustomStatus(new DataLifecycleStatus(round, "validate"));
            var validation = await context.CallActivityAsync<ValidationResult>(DataLifecycleNames.Validate, new ValidateRequest(output, request.Args, dataset.Rows, flagged), retry);
            rounds.Add(Round(round, current, output, plan, actions, validation, rowsOut));
            passed = validation.Passed;
            failed = validation.Details.Where(d => !validation.Checks[d.Key]).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
            current = output;
        }

        context.SetCustomStatus(new DataLifecycleStatus(rounds.Count, "publish"));
        return await context.CallActivityAsync<JsonObject>(DataLifecycleNames.Publish, new PublishRequest(dataset, current, rounds, passed), retry);
    }

    private static ToolInvocation Invocation(DataLifecycleRequest request, JsonObject args) =>
        new() { Args = (JsonObject)args.DeepClone(), Tenant = request.Tenant, RunId = request.RunId, StepId = request.StepId };

    private static JsonObject Round(int round, string input, string output, CleaningPlan plan, JsonArray actions, ValidationResult validation, int rowsOut) => new()
    {
        ["round"] = round,
        ["input"] = input,
        ["output"] = output,
        ["rows"] = rowsOut,
        ["planner"] = plan.Planner,
        ["planNote"] = plan.Note,
        ["actions"] = actions,
        ["checks"] = new JsonObject(validation.Checks.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        ["checkDetails"] = new JsonObject(validation.Details.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        ["passed"] = validation.Passed,
        ["profile"] = validation.Profile.DeepClone(),
    };
}
