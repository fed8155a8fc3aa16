using AgentFlows.History;
using AgentFlows.Serialization;

namespace AgentFlows.Execution;

/// <summary>
/// The live replay state of one execution of one orchestration instance. History and new events are applied one at
/// a time; orchestrator code runs on its own synchronization context between events; the actions the code asks for
/// are matched against recorded history and the unmatched ones become the episode's new actions.
/// </summary>
/// <remarks>
/// A session can outlive an episode (extended sessions): after a checkpoint its new actions count as recorded, and
/// the next episode applies only the new events, so a long history is not replayed from the start.
/// </remarks>
internal sealed partial class OrchestrationSession
{
    private readonly OrchestratorSynchronizationContext _syncContext = new();
    private readonly Dictionary<int, OpenCall> _calls = [];
    private readonly Dictionary<int, OpenTimer> _timers = [];
    private readonly HashSet<int> _finishedIds = [];
    private readonly List<HistoryEvent> _newActions = [];
    private readonly Dictionary<(EventType Type, int Id, int Attempt), HistoryEvent> _unmatched = [];
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, bool> _patches = new(StringComparer.Ordinal);
    private readonly HashSet<string> _recordedPatches = new(StringComparer.Ordinal);
    private readonly Dictionary<(EventType Type, int Id, int Attempt), CallSite> _callSites = [];
    private readonly OrchestrationContextImpl _context;
    private readonly Func<string, ITaskOrchestrator?> _resolve;
    private readonly RuntimeLimits _limits;
    private readonly VersionCheck? _versions;
    private Task<object?>? _run;
    private int _nextSequence;
    private int _guidCounter;
    private bool _nonDeterministic;
    private string? _orchestratorType;

    /// <summary>Initializes a new instance of the <see cref="OrchestrationSession"/> class.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="converter">The payload converter.</param>
    /// <param name="resolve">Creates the orchestrator by name (null when unknown).</param>
    /// <param name="loggerFactory">Logger factory for replay-safe loggers.</param>
    /// <param name="limits">Payload limits.</param>
    /// <param name="versions">This host's version check; an instance it refuses fails at start without running code.</param>
    public OrchestrationSession(
        string instanceId,
        DataConverter converter,
        Func<string, ITaskOrchestrator?> resolve,
        Microsoft.Extensions.Logging.ILoggerFactory loggerFactory,
        RuntimeLimits limits,
        VersionCheck? versions = null)
    {
        _limits = limits;
        _versions = versions;
        InstanceId = instanceId;
        Converter = converter;
        _resolve = resolve;
        _context = new OrchestrationContextImpl(this, loggerFactory);
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the orchestrator name (set by ExecutionStarted).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>Gets the execution id.</summary>
    public string ExecutionId { get; private set; } = string.Empty;

    /// <summary>Gets the version the execution started with (empty when unversioned).</summary>
    public string Version { get; private set; } = string.Empty;

    /// <summary>Gets the serialized input.</summary>
    public string? Input { get; private set; }

    /// <summary>Gets the parent of a sub-orchestration.</summary>
    public ParentOrchestrationInstance? Parent { get; private set; }

    /// <summary>Gets the replay-safe current time.</summary>
    public DateTime CurrentUtcDateTime { get; private set; }

    /// <summary>Gets a value indicating whether recorded history is being applied.</summary>
    public bool IsReplaying { get; private set; }

    /// <summary>Gets the payload converter.</summary>
    public DataConverter Converter { get; }

    /// <summary>Gets the latest custom status JSON.</summary>
    public string? CustomStatus { get; private set; }

    /// <summary>Gets a value indicating whether ExecutionStarted has been applied.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>Gets the outcome once the orchestrator code has finished, else null.</summary>
    public ExecutionOutcome? Outcome { get; private set; }

    /// <summary>Gets the continue-as-new request made by the code, if any.</summary>
    public ContinueAsNewRequest? ContinueAsNew { get; private set; }

    /// <summary>Gets the actions asked for that history does not record yet, in the order they were asked for.</summary>
    /// <remarks>Empty once replay found the code non-deterministic: a run that no longer matches its history writes nothing new.</remarks>
    public IReadOnlyList<HistoryEvent> NewActions => _nonDeterministic ? [] : _newActions;

    /// <summary>Gets the ids of sub-orchestrations that were started and have not finished.</summary>
    public IEnumerable<string> RunningChildren => _calls.Values.Where(c => c.IsSubOrchestration && c.ChildInstanceId is not null).Select(c => c.ChildInstanceId!);

    /// <summary>Applies recorded history (replay) or new events.</summary>
    /// <param name="events">The events.</param>
    /// <param name="replaying">Whether they are recorded history.</param>
    /// <returns>The events that were accepted (stale or duplicate completions are dropped).</returns>
    public List<HistoryEvent> Apply(IEnumerable<HistoryEvent> events, bool replaying)
    {
        var accepted = new List<HistoryEvent>();
        if (replaying)
        {
            events = NotePatchMarkers(events);
        }

        IsReplaying = replaying;
        _syncContext.Run(() =>
        {
            foreach (var e in events)
            {
                if (_nonDeterministic)
                {
                    break;
                }

                if (ApplyOne(e, replaying))
                {
                    accepted.Add(e);
                }

                _syncContext.Pump();
                CheckCompletion();
            }
        });
        IsReplaying = false;
        return accepted;
    }

    /// <summary>Marks the new actions as recorded after a successful checkpoint, so the session can be reused.</summary>
    public void MarkActionsRecorded()
    {
        _newActions.Clear();
        _unmatched.Clear();
        _callSites.Clear();
    }

    /// <summary>Gets the buffered external events that no waiter consumed, for continue-as-new carry-over.</summary>
    /// <returns>Name and payload pairs in arrival order per name.</returns>
    public IEnumerable<(string Name, string? Payload)> DrainBufferedEvents() =>
        _bufferedEvents.SelectMany(kv => kv.Value.Select(p => (kv.Key, p)));

    private bool ApplyOne(HistoryEvent e, bool replaying)
    {
        switch (e.EventType)
        {
            case EventType.OrchestratorStarted:
                CurrentUtcDateTime = e.Timestamp;
                return true;
            case EventType.ExecutionStarted:
                return Start(e);
            case EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationInstanceCreated or EventType.EventSent:
                MatchRecordedAction(e);
                return true;
            case EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted:
                return CompleteCall(e, replaying);
            case EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed:
                return FailCall(e, replaying);
            case EventType.TimerFired:
                return FireTimer(e);
            case EventType.EventRaised:
                DeliverEvent(e.Name ?? string.Empty, e.Input);
                return true;
            default:
                return true;
        }
    }

    private bool Start(HistoryEvent e)
    {
        if (IsStarted)
        {
            return false;
        }

        IsStarted = true;
        Name = e.Name ?? string.Empty;
        ExecutionId = e.ExecutionId ?? string.Empty;
        Input = e.Input;
        Version = e.Version ?? string.Empty;
        Parent = e.ParentInstance;
        if (CurrentUtcDateTime == default)
        {
            CurrentUtcDateTime = e.Timestamp;
        }

        if (_versions?.FailureFor(Version) is { } refused)
        {
            Outcome = ExecutionOutcome.Fail(refused);
            return true;
        }

        var orchestrator = _resolve(Name);
        if (orchestrator is null)
        {
            Outcome = ExecutionOutcome.Fail(new FailureDetails(
                typeof(InvalidOperationException).FullName!, $"No orchestrator named '{Name}' is registered on this host.", IsNonRetriable: true));
            return true;
        }

        _orchestratorType = orchestrator.GetType().FullName;
        try
        {
            var input = Converter.Deserialize(Input, orchestrator.InputType);
            _run = orchestrator.RunAsync(_context, input);
        }
        catch (Exception ex)
        {
            _run = Task.FromException<object?>(ex);
        }

        return true;
    }

    private void CheckCompletion()
    {
        if (Outcome is not null || _run is null || !_run.IsCompleted)
        {
            return;
        }

        if (_run.IsCompletedSuccessfully)
        {
            Outcome = ExecutionOutcome.Complete(Converter.Serialize(_run.Result));
            return;
        }

        var ex = _run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was canceled.");
        Outcome = ExecutionOutcome.Fail(FailureDetails.FromException(ex));
    }

    private void FailNonDeterministic(string message)
    {
        _nonDeterministic = true;
        Outcome = ExecutionOutcome.Fail(new FailureDetails(
            typeof(NonDeterministicOrchestrationException).FullName!, message, IsNonRetriable: true));
    }
}

/// <summary>How the orchestrator code finished.</summary>
/// <param name="Output">The output JSON when it completed.</param>
/// <param name="Failure">The failure when it failed.</param>
internal sealed record ExecutionOutcome(string? Output, FailureDetails? Failure)
{
    public static ExecutionOutcome Complete(string? output) => new(output, null);

    public static ExecutionOutcome Fail(FailureDetails failure) => new(failure.ToString(), failure);
}

/// <summary>A continue-as-new request.</summary>
/// <param name="Input">The new input JSON.</param>
/// <param name="PreserveUnprocessedEvents">Whether buffered events carry over.</param>
internal sealed record ContinueAsNewRequest(string? Input, bool PreserveUnprocessedEvents);
