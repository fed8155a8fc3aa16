namespace AgentFlows.Agents.Lifecycle;

/// <summary>The lifecycle's input.</summary>
/// <param name="AsOf">Runs created before this moment count; the orchestration's start time when null.</param>
/// <param name="Trigger">What started it (a schedule or a caller).</param>
public sealed record LifecycleInput(DateTime? AsOf = null, string? Trigger = null);

/// <summary>The custom status: the current stage and what is known so far.</summary>
/// <param name="Stage">threshold, dataset, hyperparameters, fine-tune, monitoring, evaluate, quantization, compress, register, approval, done, skipped, stopped or failed.</param>
/// <param name="NewInteractions">New completed runs counted.</param>
/// <param name="Examples">Dataset examples.</param>
/// <param name="JobId">The fine-tuning job.</param>
/// <param name="JobStatus">Its last status.</param>
/// <param name="Reason">Why the lifecycle is where it is.</param>
public sealed record LifecycleStatus(
    string Stage, int? NewInteractions = null, int? Examples = null, string? JobId = null, string? JobStatus = null, string? Reason = null);

/// <summary>The threshold stage's result.</summary>
/// <param name="NewInteractions">Completed runs since the last model version.</param>
/// <param name="Since">The last model version's creation, or null when there is none.</param>
/// <param name="Required">The configured minimum.</param>
/// <param name="CurrentModel">The model the planner uses now: the promoted version, else the configured current or base model.</param>
public sealed record ThresholdResult(int NewInteractions, DateTime? Since, int Required, string? CurrentModel = null)
{
    /// <summary>Gets a value indicating whether a round starts.</summary>
    public bool Met => NewInteractions >= Required;
}

/// <summary>The dataset stage's input.</summary>
/// <param name="InstanceId">The lifecycle instance (names the files).</param>
/// <param name="AsOf">Only runs created before this count.</param>
public sealed record DatasetRequest(string InstanceId, DateTime AsOf);

/// <summary>A built dataset: files and statistics.</summary>
/// <param name="TrainPath">The training JSONL.</param>
/// <param name="ValidationPath">The validation JSONL (also the held-out evaluation prompts).</param>
/// <param name="Examples">All examples.</param>
/// <param name="TrainExamples">Training examples.</param>
/// <param name="ValidationExamples">Validation examples.</param>
/// <param name="ApproxTokens">Estimated tokens (characters / 4).</param>
/// <param name="Redactions">Matches of the scrub patterns replaced.</param>
/// <param name="TaskMix">Examples per tool.</param>
/// <param name="PlannerMix">Examples per planner that planned them (pattern, llm).</param>
public sealed record DatasetResult(
    string TrainPath, string ValidationPath, int Examples, int TrainExamples, int ValidationExamples, long ApproxTokens, int Redactions,
    IReadOnlyDictionary<string, int> TaskMix, IReadOnlyDictionary<string, int> PlannerMix);

/// <summary>Hyperparameters of the job and why.</summary>
/// <param name="Epochs">Epochs.</param>
/// <param name="BatchSize">Batch size.</param>
/// <param name="LearningRateMultiplier">Learning-rate multiplier.</param>
/// <param name="Reason">The rules applied.</param>
public sealed record Hyperparameters(int Epochs, int BatchSize, double LearningRateMultiplier, string Reason);

/// <summary>The create-job stage's input.</summary>
/// <param name="InstanceId">The lifecycle instance; the job's idempotency key derives from it.</param>
/// <param name="Dataset">The dataset.</param>
/// <param name="Hyperparameters">The hyperparameters.</param>
public sealed record CreateJobRequest(string InstanceId, DatasetResult Dataset, Hyperparameters Hyperparameters);

/// <summary>A fine-tuning job's state.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Status">validating_files, queued, running, succeeded, failed, cancelled (or another value: an open string).</param>
/// <param name="FineTunedModel">The model once succeeded.</param>
/// <param name="Error">The error message of a failed job.</param>
/// <param name="Reused">True when an existing job with the same idempotency key was found instead of creating one.</param>
public sealed record JobState(string Id, string Status, string? FineTunedModel = null, string? Error = null, bool Reused = false)
{
    /// <summary>Gets a value indicating whether the job has ended.</summary>
    public bool IsTerminal => Status is "succeeded" or "failed" or "cancelled";
}

/// <summary>The evaluation stage's input.</summary>
/// <param name="ValidationPath">The held-out examples.</param>
/// <param name="CandidateModel">The new model.</param>
/// <param name="CurrentModel">The model the planner uses now.</param>
public sealed record EvaluationRequest(string ValidationPath, string CandidateModel, string CurrentModel);

/// <summary>Scores of one model.</summary>
/// <param name="Model">The model.</param>
/// <param name="ValidPlanRate">Share of answers that are valid plans.</param>
/// <param name="ExactMatchRate">Share of answers equal to the expected plan.</param>
/// <param name="Samples">Prompts × temperatures.</param>
public sealed record ModelScore(string Model, double ValidPlanRate, double ExactMatchRate, int Samples);

/// <summary>The evaluation's outcome.</summary>
/// <param name="Evaluated">False when evaluation was skipped.</param>
/// <param name="Candidate">The new model's scores.</param>
/// <param name="Current">The current model's scores.</param>
/// <param name="Temperatures">The temperature grid.</param>
/// <param name="Reason">Why skipped, or the verdict.</param>
public sealed record EvaluationResult(bool Evaluated, ModelScore? Candidate, ModelScore? Current, IReadOnlyList<double> Temperatures, string Reason)
{
    /// <summary>Gets a value indicating whether the candidate beats the current model (exact match, then valid-plan rate).</summary>
    public bool CandidateIsBetter => Evaluated && Candidate is { } c && Current is { } p
        && (c.ExactMatchRate > p.ExactMatchRate || (c.ExactMatchRate == p.ExactMatchRate && c.ValidPlanRate > p.ValidPlanRate));
}

/// <summary>The chosen GGUF type and why.</summary>
/// <param name="Type">A llama.cpp type (e.g. Q4_K_M), or null when none is acceptable.</param>
/// <param name="Reason">The rules that chose it.</param>
/// <param name="EstimatedFileGb">Estimated file size.</param>
public sealed record QuantizationChoice(string? Type, string Reason, double? EstimatedFileGb = null);

/// <summary>The compress stage's input.</summary>
/// <param name="InstanceId">The lifecycle instance.</param>
/// <param name="Type">The GGUF type.</param>
public sealed record CompressRequest(string InstanceId, string? Type);

/// <summary>What the compress stage did.</summary>
/// <param name="Ran">True when the commands ran.</param>
/// <param name="OutputPath">The GGUF file.</param>
/// <param name="Reason">What happened, or why nothing ran.</param>
public sealed record CompressResult(bool Ran, string? OutputPath, string Reason);

/// <summary>The lifecycle's result.</summary>
/// <param name="Outcome">skipped, stopped, failed, registered or promoted.</param>
/// <param name="Reason">Why.</param>
/// <param name="NewInteractions">New runs counted.</param>
/// <param name="JobId">The job.</param>
/// <param name="Version">The registered model version.</param>
/// <param name="Promoted">Whether it was promoted.</param>
public sealed record LifecycleResult(string Outcome, string Reason, int NewInteractions, string? JobId = null, int? Version = null, bool Promoted = false);
