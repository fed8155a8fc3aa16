namespace AgentFlows.Agents.Lifecycle;

/// <summary>Names of the lifecycle orchestration, its activities and its event.</summary>
public static class LifecycleNames
{
    /// <summary>The orchestration.</summary>
    public const string Orchestrator = "FineTuneLifecycle";

    /// <summary>Counts new completed runs.</summary>
    public const string Threshold = "lifecycle.threshold";

    /// <summary>Builds the dataset.</summary>
    public const string Dataset = "lifecycle.dataset";

    /// <summary>Derives hyperparameters.</summary>
    public const string Hyperparameters = "lifecycle.hyperparameters";

    /// <summary>Uploads the files and creates the job once.</summary>
    public const string CreateJob = "lifecycle.createJob";

    /// <summary>Reads a job's status.</summary>
    public const string GetJob = "lifecycle.getJob";

    /// <summary>Cancels a job that ran too long.</summary>
    public const string CancelJob = "lifecycle.cancelJob";

    /// <summary>Evaluates the new model against the current one.</summary>
    public const string Evaluate = "lifecycle.evaluate";

    /// <summary>Chooses a GGUF type.</summary>
    public const string Quantization = "lifecycle.quantization";

    /// <summary>Runs the converter and quantizer.</summary>
    public const string Compress = "lifecycle.compress";

    /// <summary>Registers the model version.</summary>
    public const string Register = "lifecycle.register";

    /// <summary>Promotes a model version.</summary>
    public const string Promote = "lifecycle.promote";

    /// <summary>The approval event (payload: true to promote).</summary>
    public const string ApprovalEvent = "approve-model";
}
