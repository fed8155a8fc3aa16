namespace AgentFlows;

/// <summary>Names orchestrators and activities so the runtime can create them; names are case-insensitive.</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>Gets the registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator under its class name (or <paramref name="name"/>).</summary>
    /// <typeparam name="T">The orchestrator type.</typeparam>
    /// <param name="name">The name; the class name when null.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator<T>(string? name = null)
        where T : ITaskOrchestrator, new() => AddOrchestrator(name ?? typeof(T).Name, _ => new T());

    /// <summary>Registers an orchestrator factory.</summary>
    /// <param name="name">The name.</param>
    /// <param name="factory">Creates an instance per execution.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        Add(_orchestrators, name, factory, "orchestrator");
        return this;
    }

    /// <summary>Registers an orchestrator written as a function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="body">The orchestrator body.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> body) =>
        AddOrchestrator(name, _ => new FuncOrchestrator<TInput, TOutput>(body));

    /// <summary>Registers an activity under its class name (or <paramref name="name"/>).</summary>
    /// <typeparam name="T">The activity type.</typeparam>
    /// <param name="name">The name; the class name when null.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity<T>(string? name = null)
        where T : ITaskActivity, new() => AddActivity(name ?? typeof(T).Name, _ => new T());

    /// <summary>Registers an activity factory.</summary>
    /// <param name="name">The name.</param>
    /// <param name="factory">Creates an instance per call.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        Add(_activities, name, factory, "activity");
        return this;
    }

    /// <summary>Registers an activity written as a function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="body">The activity body.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> body) =>
        AddActivity(name, _ => new FuncActivity<TInput, TOutput>(body));

    /// <summary>Finds an orchestrator factory.</summary>
    /// <param name="name">The name.</param>
    /// <param name="factory">The factory when found.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGetOrchestrator(string name, out Func<IServiceProvider, ITaskOrchestrator> factory) =>
        _orchestrators.TryGetValue(name, out factory!);

    /// <summary>Finds an activity factory.</summary>
    /// <param name="name">The name.</param>
    /// <param name="factory">The factory when found.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGetActivity(string name, out Func<IServiceProvider, ITaskActivity> factory) =>
        _activities.TryGetValue(name, out factory!);

    private static void Add<T>(Dictionary<string, T> map, string name, T factory, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!map.TryAdd(name, factory))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> body)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => body(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> body)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => body(context, input);
    }
}
