namespace AgentFlows.Agents.Lifecycle;

/// <summary>Settings of the fine-tuning lifecycle (<c>AgentFlows:Lifecycle</c>).</summary>
public sealed class LifecycleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AgentFlows:Lifecycle";

    /// <summary>Gets or sets the NCRONTAB (6 fields, with seconds) of the timer trigger; empty disables it.</summary>
    public string? Schedule { get; set; } = "0 0 3 * * *";

    /// <summary>Gets or sets whether a tick missed while every host was down runs once at start-up.</summary>
    public bool RunMissedOnStartup { get; set; } = true;

    /// <summary>Gets or sets the new completed runs needed before a round starts.</summary>
    public int MinNewInteractions { get; set; } = 500;

    /// <summary>Gets or sets the most runs a dataset takes (newest first).</summary>
    public int MaxExamples { get; set; } = 5000;

    /// <summary>Gets or sets the share of examples held out for validation and evaluation, in percent.</summary>
    public int ValidationPercent { get; set; } = 10;

    /// <summary>Gets or sets the folder of dataset files; <c>.agentflows/lifecycle</c> when empty.</summary>
    public string? DataFolder { get; set; }

    /// <summary>Gets or sets the regular expressions whose matches are replaced by <c>[redacted]</c>; defaults cover e-mails and keys.</summary>
    public List<string> ScrubPatterns { get; set; } = [];

    /// <summary>Gets or sets the fine-tuning API; absent, the lifecycle stops after the dataset step.</summary>
    public FineTuningOptions FineTuning { get; set; } = new();

    /// <summary>Gets or sets hyperparameter overrides.</summary>
    public HyperparameterOverrides Hyperparameters { get; set; } = new();

    /// <summary>Gets or sets how often a job is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long a job may run before the lifecycle cancels it.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the attempts of each stage's activity (the runtime's retry policy).</summary>
    public int ActivityMaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the first retry interval of a stage's activity.</summary>
    public TimeSpan ActivityFirstRetry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the sampling temperatures evaluation plans under.</summary>
    public List<double> EvaluationTemperatures { get; set; } = [];

    /// <summary>Gets or sets the most held-out prompts evaluation plans.</summary>
    public int EvaluationMaxPrompts { get; set; } = 50;

    /// <summary>Gets or sets the model the planner uses now (compared against); the base model when empty.</summary>
    public string? CurrentModel { get; set; }

    /// <summary>Gets or sets the quantization rules.</summary>
    public QuantizationOptions Quantization { get; set; } = new();

    /// <summary>Gets or sets the converter and quantizer commands.</summary>
    public CompressOptions Compress { get; set; } = new();

    /// <summary>Gets or sets whether promotion waits for the <c>approve-model</c> event.</summary>
    public bool RequireApproval { get; set; }

    /// <summary>Gets or sets how long promotion waits for approval before it gives up.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets the temperatures to evaluate under (the configured ones, else 0, 0.3 and 0.7).</summary>
    internal IReadOnlyList<double> Temperatures => EvaluationTemperatures.Count > 0 ? EvaluationTemperatures : [0.0, 0.3, 0.7];
}

/// <summary>The fine-tuning API (OpenAI / Azure OpenAI v1 <c>files</c> + <c>fine_tuning/jobs</c>).</summary>
public sealed class FineTuningOptions
{
    /// <summary>Gets or sets the API base, e.g. <c>https://api.openai.com/v1</c> or <c>https://x.openai.azure.com/openai/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the API key (sent as Bearer and as <c>api-key</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model to fine-tune.</summary>
    public string? BaseModel { get; set; }

    /// <summary>Gets a value indicating whether the endpoint and base model are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(BaseModel);
}

/// <summary>Hyperparameter overrides; null keeps the rule's value.</summary>
public sealed class HyperparameterOverrides
{
    /// <summary>Gets or sets the epochs.</summary>
    public int? Epochs { get; set; }

    /// <summary>Gets or sets the batch size.</summary>
    public int? BatchSize { get; set; }

    /// <summary>Gets or sets the learning-rate multiplier.</summary>
    public double? LearningRateMultiplier { get; set; }
}

/// <summary>Inputs of the GGUF quantization rules (reference §4.3).</summary>
public sealed class QuantizationOptions
{
    /// <summary>Gets or sets the model's parameters in billions (file size ≈ params × bpw / 8).</summary>
    public double ParametersBillions { get; set; } = 8;

    /// <summary>Gets or sets the memory budget in GB; 0 means unconstrained.</summary>
    public double MemoryBudgetGb { get; set; }

    /// <summary>Gets or sets the KV cache size in GB counted against the budget.</summary>
    public double KvCacheGb { get; set; } = 1;

    /// <summary>Gets or sets the largest accepted perplexity increase over F16 (llama.cpp's table at Llama-3-8B).</summary>
    public double MaxPerplexityIncrease { get; set; } = 0.7;

    /// <summary>Gets or sets the accuracy floor on the evaluation (valid-plan rate, 0..1).</summary>
    public double AccuracyFloor { get; set; } = 0.8;
}

/// <summary>The llama.cpp commands of the compress step; the step runs only when all of them are set and present.</summary>
public sealed class CompressOptions
{
    /// <summary>Gets or sets the Hugging Face model folder of the fine-tuned weights.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Gets or sets the path of <c>convert_hf_to_gguf.py</c>.</summary>
    public string? ConvertScript { get; set; }

    /// <summary>Gets or sets the path of <c>llama-quantize</c>.</summary>
    public string? QuantizeBinary { get; set; }

    /// <summary>Gets or sets the Python interpreter.</summary>
    public string Python { get; set; } = "python3";

    /// <summary>Gets or sets the output folder of GGUF files.</summary>
    public string? OutputDirectory { get; set; }
}
