using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>
/// The <c>FineTuneLifecycle</c> orchestration: threshold → dataset → hyperparameters → fine-tune (create once, then
/// monitor on durable timers) → evaluate → quantization → compress → register → promote (optionally approved).
/// </summary>
/// <remarks>
/// Each stage is an activity, so its result is checkpointed in history: a host restart replays finished stages and
/// continues with the next (monitoring resumes polling the same job id; the job is never created twice). A failed
/// stage fails the instance after the retry policy; rewind re-runs that stage and what follows. The custom status
/// always carries the stage, the counts, the job id and the reason.
/// </remarks>
/// <param name="options">The settings (read on every replay: change them only between rounds).</param>
public sealed class FineTuneLifecycleOrchestrator(LifecycleOptions options) : TaskOrchestrator<LifecycleInput?, LifecycleResult>
{
    /// <inheritdoc/>
    public override async Task<LifecycleResult> RunAsync(TaskOrchestrationContext context, LifecycleInput? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(Math.Max(options.ActivityMaxAttempts, 1), options.ActivityFirstRetry, 2.0));
        var asOf = input?.AsOf ?? context.CurrentUtcDateTime;

        context.SetCustomStatus(new LifecycleStatus("threshold"));
        var threshold = await context.CallActivityAsync<ThresholdResult>(LifecycleNames.Threshold, asOf, retry);
        var count = threshold.NewInteractions;
        if (!threshold.Met)
        {
            var since = threshold.Since is { } s ? "since model version of " + s.ToString("O", CultureInfo.InvariantCulture) : "(no model version yet)";
            return End(context, "skipped", $"{count} new completed runs {since}, below MinNewInteractions {threshold.Required}", count);
        }

        context.SetCustomStatus(new LifecycleStatus("dataset", count));
        var dataset = await context.CallActivityAsync<DatasetResult>(LifecycleNames.Dataset, new DatasetRequest(context.InstanceId, asOf), retry);
        if (!options.FineTuning.IsConfigured)
        {
            return End(context, "stopped", $"the dataset is built ({dataset.Examples} examples at {dataset.TrainPath}); the fine-tuning API is not configured (AgentFlows__Lifecycle__FineTuning__Endpoint, __BaseModel), so the lifecycle stops here", count, dataset.Examples);
        }

        if (dataset.TrainExamples < 10)
        {
            return End(context, "stopped", $"only {dataset.TrainExamples} training examples; the fine-tuning API needs at least 10", count, dataset.Examples);
        }

        context.SetCustomStatus(new LifecycleStatus("hyperparameters", count, dataset.Examples));
        var hyper = await context.CallActivityAsync<Hyperparameters>(LifecycleNames.Hyperparameters, dataset, retry);

        context.SetCustomStatus(new LifecycleStatus("fine-tune", count, dataset.Examples));
        var job = await context.CallActivityAsync<JobState>(LifecycleNames.CreateJob, new CreateJobRequest(context.InstanceId, dataset, hyper), retry);
        job = await MonitorAsync(context, job, count, dataset.Examples, retry);
        if (job.Status != "succeeded" || job.FineTunedModel is null)
        {
            return End(context, "failed", $"fine-tuning job {job.Id} ended {job.Status}{(job.Error is null ? string.Empty : ": " + job.Error)}", count, dataset.Examples, job);
        }

        context.SetCustomStatus(new LifecycleStatus("evaluate", count, dataset.Examples, job.Id, job.Status));
        var current = threshold.CurrentModel ?? options.FineTuning.BaseModel!;
        var evaluation = await context.CallActivityAsync<EvaluationResult>(LifecycleNames.Evaluate, new EvaluationRequest(dataset.ValidationPath, job.FineTunedModel, current), retry);

        context.SetCustomStatus(new LifecycleStatus("quantization", count, dataset.Examples, job.Id, job.Status, evaluation.Reason));
        var quantization = await context.CallActivityAsync<QuantizationChoice>(LifecycleNames.Quantization, evaluation, retry);

        context.SetCustomStatus(new LifecycleStatus("compress", count, dataset.Examples, job.Id, job.Status, quantization.Reason));
        var compress = await context.CallActivityAsync<CompressResult>(LifecycleNames.Compress, new CompressRequest(context.InstanceId, quantization.Type), retry);

        context.SetCustomStatus(new LifecycleStatus("register", count, dataset.Examples, job.Id, job.Status));
        var metrics = Metrics(dataset, hyper, job, evaluation, compress);
        var version = await context.CallActivityAsync<int>(
            LifecycleNames.Register,
            new RegisterRequest(context.InstanceId, job.FineTunedModel, options.FineTuning.BaseModel!, metrics, new QuantizationInfo(quantization.Type, quantization.Reason)),
            retry);

        var (promote, why) = await DecideAsync(context, evaluation, count, dataset.Examples, job);
        if (promote)
        {
            await context.CallActivityAsync<bool>(LifecycleNames.Promote, version, retry);
        }

        return End(context, promote ? "promoted" : "registered", $"model version {version} ({job.FineTunedModel}): {why}", count, dataset.Examples, job, version, promote);
    }

    private async Task<JobState> MonitorAsync(TaskOrchestrationContext context, JobState job, int count, int examples, TaskOptions retry)
    {
        var deadline = context.CurrentUtcDateTime + options.JobTimeout;
        while (!job.IsTerminal)
        {
            context.SetCustomStatus(new LifecycleStatus("monitoring", count, examples, job.Id, job.Status, job.Reused ? "an existing job with this instance's key was found and is monitored" : null));
            if (context.CurrentUtcDateTime >= deadline)
            {
                var cancelled = await context.CallActivityAsync<JobState>(LifecycleNames.CancelJob, job.Id, retry);
                return cancelled with { Status = "cancelled", Error = $"timed out after {options.JobTimeout} (the job was asked to cancel; it reported {cancelled.Status})" };
            }

            await context.CreateTimer(options.PollInterval, CancellationToken.None);
            job = await context.CallActivityAsync<JobState>(LifecycleNames.GetJob, job.Id, retry);
        }

        return job;
    }

    private async Task<(bool Promote, string Why)> DecideAsync(TaskOrchestrationContext context, EvaluationResult evaluation, int count, int examples, JobState job)
    {
        if (!evaluation.CandidateIsBetter)
        {
            return (false, evaluation.Evaluated ? evaluation.Reason + "; not promoted" : "not evaluated (" + evaluation.Reason + "); not promoted");
        }

        if (!options.RequireApproval)
        {
            return (true, evaluation.Reason + "; promoted");
        }

        context.SetCustomStatus(new LifecycleStatus("approval", count, examples, job.Id, job.Status, $"waiting for event '{LifecycleNames.ApprovalEvent}' (true promotes) until {options.ApprovalTimeout} passes"));
        try
        {
            var approved = await context.WaitForExternalEvent<bool>(LifecycleNames.ApprovalEvent, options.ApprovalTimeout);
            return approved ? (true, evaluation.Reason + "; approved and promoted") : (false, evaluation.Reason + "; approval refused");
        }
        catch (TaskCanceledException)
        {
            return (false, evaluation.Reason + $"; no approval within {options.ApprovalTimeout}, not promoted");
        }
    }

    private static JsonObject Metrics(DatasetResult dataset, Hyperparameters hyper, JobState job, EvaluationResult evaluation, CompressResult compress) => new()
    {
        ["dataset"] = Node(dataset with { TrainPath = Path.GetFileName(dataset.TrainPath), ValidationPath = Path.GetFileName(dataset.ValidationPath) }),
        ["hyperparameters"] = Node(hyper),
        ["job"] = Node(job),
        ["evaluation"] = Node(evaluation),
        ["compress"] = Node(compress),
    };

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, JsonSerializerOptions.Web);

    private static LifecycleResult End(
        TaskOrchestrationContext context, string outcome, string reason, int count, int? examples = null, JobState? job = null, int? version = null, bool promoted = false)
    {
        context.SetCustomStatus(new LifecycleStatus(outcome is "registered" or "promoted" ? "done" : outcome, count, examples, job?.Id, job?.Status, reason));
        return new LifecycleResult(outcome, reason, count, job?.Id, version, promoted);
    }
}
