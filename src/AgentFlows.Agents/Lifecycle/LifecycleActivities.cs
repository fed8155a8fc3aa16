using System.Security.Cryptography;
using System.Text;
using AgentFlows.Agents.Tools;
using AgentFlows.Client;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>The work of each lifecycle stage; each method is one activity (see <see cref="LifecycleRegistration"/>).</summary>
/// <param name="client">Reads runs.</param>
/// <param name="models">The model registry.</param>
/// <param name="environment">Settings, HTTP client and data folder.</param>
/// <param name="chat">The chat client evaluation plans with, or null (evaluation is then skipped, with the reason).</param>
public sealed class LifecycleActivities(DurableTaskClient client, IModelRegistry models, LifecycleEnvironment environment, IChatClient? chat)
{
    private LifecycleOptions Options => environment.Options;

    /// <summary>The idempotency key (and job suffix) of a lifecycle instance's job: <c>af-</c> + 12 hex digits.</summary>
    /// <param name="instanceId">The lifecycle instance.</param>
    /// <returns>The key.</returns>
    public static string IdempotencyKey(string instanceId) =>
        "af-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instanceId ?? string.Empty)))[..12];

    /// <summary>Counts completed runs since the last model version.</summary>
    /// <param name="asOf">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    public async Task<ThresholdResult> ThresholdAsync(DateTime asOf, CancellationToken cancellationToken)
    {
        var latest = await models.GetLatestAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        await foreach (var _ in CompletedRuns.QueryAsync(client, latest?.CreatedAt, new DateTimeOffset(asOf, TimeSpan.Zero), false, cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        var promoted = await models.GetPromotedAsync(cancellationToken).ConfigureAwait(false);
        var current = promoted?.Model ?? (string.IsNullOrWhiteSpace(Options.CurrentModel) ? Options.FineTuning.BaseModel : Options.CurrentModel);
        return new ThresholdResult(count, latest?.CreatedAt.UtcDateTime, Options.MinNewInteractions, current);
    }

    /// <summary>Builds the dataset.</summary>
    /// <param name="request">The instance and cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dataset.</returns>
    public Task<DatasetResult> DatasetAsync(DatasetRequest request, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(environment.DataFolder, string.Concat(request.InstanceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')));
        return new DatasetBuilder(client, Options).BuildAsync(request, folder, cancellationToken);
    }

    /// <summary>Derives the hyperparameters.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <returns>The hyperparameters.</returns>
    public Task<Hyperparameters> HyperparametersAsync(DatasetResult dataset) =>
        Task.FromResult(HyperparameterRules.Derive(dataset.TrainExamples, Options.Hyperparameters));

    /// <summary>
    /// Creates the job once: a job carrying this instance's idempotency key is looked up first, so an attempt retried
    /// after a crash between create and checkpoint finds the job instead of creating a second one.
    /// </summary>
    /// <param name="request">The dataset and hyperparameters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    public async Task<JobState> CreateJobAsync(CreateJobRequest request, CancellationToken cancellationToken)
    {
        var api = Api();
        var key = IdempotencyKey(request.InstanceId);
        if (await api.FindJobAsync(key, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var training = await api.UploadFileAsync(request.Dataset.TrainPath, cancellationToken).ConfigureAwait(false);
        var validation = request.Dataset.ValidationExamples > 0
            ? await api.UploadFileAsync(request.Dataset.ValidationPath, cancellationToken).ConfigureAwait(false)
            : null;
        return await api.CreateJobAsync(training, validation, request.Hyperparameters, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a job.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its state.</returns>
    public Task<JobState> GetJobAsync(string jobId, CancellationToken cancellationToken) => Api().GetJobAsync(jobId, cancellationToken);

    /// <summary>Cancels a job.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its state.</returns>
    public Task<JobState> CancelJobAsync(string jobId, CancellationToken cancellationToken) => Api().CancelJobAsync(jobId, cancellationToken);

    /// <summary>Scores the candidate and the current model on the held-out prompts, or says why it cannot.</summary>
    /// <param name="request">The models and the examples.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The evaluation.</returns>
    public async Task<EvaluationResult> EvaluateAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        var temperatures = Options.Temperatures;
        if (chat is null)
        {
            return new EvaluationResult(false, null, null, temperatures, "skipped: no LLM is configured (AgentFlows__Llm__Endpoint), so the models cannot be asked");
        }

        var examples = File.Exists(request.ValidationPath) ? PlanEvaluator.ReadExamples(request.ValidationPath, Options.EvaluationMaxPrompts) : [];
        if (examples.Count == 0)
        {
            return new EvaluationResult(false, null, null, temperatures, "skipped: the dataset has no held-out examples");
        }

        var evaluator = new PlanEvaluator(chat, ToolRegistry.Default);
        var candidate = await evaluator.ScoreAsync(request.CandidateModel, examples, temperatures, cancellationToken).ConfigureAwait(false);
        var current = await evaluator.ScoreAsync(request.CurrentModel, examples, temperatures, cancellationToken).ConfigureAwait(false);
        var result = new EvaluationResult(true, candidate, current, temperatures, string.Empty);
        return result with { Reason = result.CandidateIsBetter ? "the candidate beats the current model" : "the candidate does not beat the current model" };
    }

    /// <summary>Chooses the quantization.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <returns>The choice.</returns>
    public Task<QuantizationChoice> QuantizationAsync(EvaluationResult evaluation) =>
        Task.FromResult(QuantizationRules.Choose(Options.Quantization, evaluation));

    /// <summary>Runs the compress commands, or records why not.</summary>
    /// <param name="request">The type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened.</returns>
    public Task<CompressResult> CompressAsync(CompressRequest request, CancellationToken cancellationToken) =>
        CompressStep.RunAsync(Options.Compress, request, cancellationToken);

    /// <summary>Registers the version.</summary>
    /// <param name="request">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version number.</returns>
    public async Task<int> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        (await models.RegisterAsync(request, cancellationToken).ConfigureAwait(false)).Version;

    /// <summary>Promotes a version.</summary>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True.</returns>
    public async Task<bool> PromoteAsync(int version, CancellationToken cancellationToken)
    {
        await models.PromoteAsync(version, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private FineTuningApiClient Api() => Options.FineTuning.IsConfigured
        ? new FineTuningApiClient(environment.Http, Options.FineTuning)
        : throw new NonRetriableException("The fine-tuning API is not configured (AgentFlows__Lifecycle__FineTuning__Endpoint, __BaseModel).");
}
