using AgentFlows.Client;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>Registers the <c>FineTuneLifecycle</c> orchestration and its activities.</summary>
/// <remarks>
/// Activities take <see cref="DurableTaskClient"/>, <see cref="IModelRegistry"/> and <see cref="LifecycleEnvironment"/>
/// from the services (and <see cref="IChatClient"/> when one is registered).
/// </remarks>
public static class LifecycleRegistration
{
    /// <summary>Adds the lifecycle.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddFineTuneLifecycle(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator(LifecycleNames.Orchestrator, sp => new FineTuneLifecycleOrchestrator(Environment(sp).Options));
        Add<DateTime, ThresholdResult>(registry, LifecycleNames.Threshold, (a, c, i) => a.ThresholdAsync(i, c.CancellationToken));
        Add<DatasetRequest, DatasetResult>(registry, LifecycleNames.Dataset, (a, c, i) => a.DatasetAsync(i, c.CancellationToken));
        Add<DatasetResult, Hyperparameters>(registry, LifecycleNames.Hyperparameters, (a, _, i) => a.HyperparametersAsync(i));
        Add<CreateJobRequest, JobState>(registry, LifecycleNames.CreateJob, (a, c, i) => a.CreateJobAsync(i, c.CancellationToken));
        Add<string, JobState>(registry, LifecycleNames.GetJob, (a, c, i) => a.GetJobAsync(i, c.CancellationToken));
        Add<string, JobState>(registry, LifecycleNames.CancelJob, (a, c, i) => a.CancelJobAsync(i, c.CancellationToken));
        Add<EvaluationRequest, EvaluationResult>(registry, LifecycleNames.Evaluate, (a, c, i) => a.EvaluateAsync(i, c.CancellationToken));
        Add<EvaluationResult, QuantizationChoice>(registry, LifecycleNames.Quantization, (a, _, i) => a.QuantizationAsync(i));
        Add<CompressRequest, CompressResult>(registry, LifecycleNames.Compress, (a, c, i) => a.CompressAsync(i, c.CancellationToken));
        Add<RegisterRequest, int>(registry, LifecycleNames.Register, (a, c, i) => a.RegisterAsync(i, c.CancellationToken));
        Add<int, bool>(registry, LifecycleNames.Promote, (a, c, i) => a.PromoteAsync(i, c.CancellationToken));
        return registry;
    }

    private static void Add<TIn, TOut>(DurableTaskRegistry registry, string name, Func<LifecycleActivities, TaskActivityContext, TIn, Task<TOut>> body) =>
        registry.AddActivity(name, sp => new StageActivity<TIn, TOut>(Activities(sp), body));

    private static LifecycleEnvironment Environment(IServiceProvider sp) =>
        sp.GetService(typeof(LifecycleEnvironment)) as LifecycleEnvironment
        ?? throw new InvalidOperationException("The lifecycle needs a LifecycleEnvironment service (AddLifecycle in the host).");

    private static LifecycleActivities Activities(IServiceProvider sp) => new(
        sp.GetService(typeof(DurableTaskClient)) as DurableTaskClient ?? throw new InvalidOperationException("The lifecycle needs the DurableTaskClient service."),
        sp.GetService(typeof(IModelRegistry)) as IModelRegistry ?? throw new InvalidOperationException("The lifecycle needs an IModelRegistry service."),
        Environment(sp),
        sp.GetService(typeof(IChatClient)) as IChatClient);

    private sealed class StageActivity<TIn, TOut>(LifecycleActivities activities, Func<LifecycleActivities, TaskActivityContext, TIn, Task<TOut>> body)
        : TaskActivity<TIn, TOut>
    {
        public override Task<TOut> RunAsync(TaskActivityContext context, TIn input) => body(activities, context, input);
    }
}
