using System.Globalization;
using System.Text;
using AgentFlows.Client;
using AgentFlows.History;
using AgentFlows.Serialization;

namespace AgentFlows.Http.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="DurableTaskClient"/> that keeps the contract of the runtime's client: the same validation
/// (<see cref="InstanceIds.Validate"/>, unknown orchestrator names) and the same exceptions
/// (<see cref="OrchestrationNotFoundException"/>, <see cref="OrchestrationStateException"/>,
/// <see cref="OrchestrationAlreadyExistsException"/>, <see cref="PayloadTooLargeException"/>). Control operations are
/// queued in the real runtime, so here they are only recorded; tests move instances with <see cref="SetStatus"/>.
/// </summary>
internal sealed class FakeDurableTaskClient : DurableTaskClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _instances = new(StringComparer.Ordinal);

    public HashSet<string> Orchestrators { get; } = new(StringComparer.Ordinal) { "Hello", "AgentRun" };

    public DateTimeOffset Now { get; set; } = new(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public long MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets a hook run after each start (for example to complete the instance at once).</summary>
    public Action<string>? OnScheduled { get; set; }

    /// <summary>Gets or sets a hook run when a caller starts waiting for completion.</summary>
    public Action<string>? OnWaiting { get; set; }

    /// <summary>Gets errors to throw from the next call of an operation, by method name (e.g. "RewindInstanceAsync").</summary>
    public Dictionary<string, Exception> NextErrors { get; } = [];

    /// <summary>Gets every control call, as "Operation id reason-or-payload".</summary>
    public List<string> Calls { get; } = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _instances.Count;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _instances.Clear();
            Calls.Clear();
            NextErrors.Clear();
            OnScheduled = null;
            OnWaiting = null;
            MaxPayloadBytes = 1024 * 1024;
        }
    }

    /// <summary>Adds an instance as a test needs it.</summary>
    public OrchestrationMetadata Add(
        string instanceId,
        OrchestrationRuntimeStatus status,
        string name = "Hello",
        string? input = null,
        string? output = null,
        string? customStatus = null,
        FailureDetails? failure = null,
        DateTimeOffset? createdAt = null,
        IReadOnlyList<HistoryEvent>? history = null)
    {
        var created = createdAt ?? Now;
        var metadata = new OrchestrationMetadata
        {
            Name = name,
            InstanceId = instanceId,
            RuntimeStatus = status,
            CreatedAt = created,
            LastUpdatedAt = created.AddSeconds(1),
            SerializedInput = input,
            SerializedOutput = output,
            SerializedCustomStatus = customStatus,
            FailureDetails = failure,
        };
        lock (_gate)
        {
            var entry = new Entry(metadata, history?.ToList() ?? [Started(name, input, created)]);
            _instances[instanceId] = entry;
            if (status.IsTerminal())
            {
                entry.Done.TrySetResult();
            }
        }

        return metadata;
    }

    public OrchestrationMetadata? Find(string instanceId)
    {
        lock (_gate)
        {
            return _instances.TryGetValue(instanceId, out var e) ? e.Metadata : null;
        }
    }

    /// <summary>Moves an instance to a status (as a worker would), waking waiters once it is terminal.</summary>
    public void SetStatus(string instanceId, OrchestrationRuntimeStatus status, string? output = null, FailureDetails? failure = null)
    {
        Entry entry;
        lock (_gate)
        {
            entry = _instances[instanceId];
            entry.Metadata = entry.Metadata with { RuntimeStatus = status, SerializedOutput = output, FailureDetails = failure, LastUpdatedAt = Now };
        }

        if (status.IsTerminal())
        {
            entry.Done.TrySetResult();
        }
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowNext();
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        if (!Orchestrators.Contains(orchestratorName))
        {
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered.", nameof(orchestratorName));
        }

        var id = options?.InstanceId is null ? Guid.NewGuid().ToString("N") : InstanceIds.Validate(options.InstanceId);
        var json = Serialize(input, "input");
        lock (_gate)
        {
            if (_instances.TryGetValue(id, out var existing) && !existing.Metadata.RuntimeStatus.IsTerminal())
            {
                if (options?.DedupeStatuses?.Contains(existing.Metadata.RuntimeStatus) == true)
                {
                    return Task.FromResult(id);
                }

                throw new OrchestrationAlreadyExistsException(id, existing.Metadata.RuntimeStatus);
            }
        }

        Add(id, OrchestrationRuntimeStatus.Pending, orchestratorName, json);
        OnScheduled?.Invoke(id);
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ThrowNext();
        InstanceIds.Validate(instanceId);
        var metadata = Find(instanceId);
        return Task.FromResult(metadata is null || getInputsAndOutputs ? metadata : WithoutPayloads(metadata));
    }

    public override Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ThrowNext();
        InstanceIds.Validate(instanceId);
        lock (_gate)
        {
            return _instances.TryGetValue(instanceId, out var e)
                ? Task.FromResult<IReadOnlyList<HistoryEvent>>(e.History.ToList())
                : throw new OrchestrationNotFoundException(instanceId);
        }
    }

    public override Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ThrowNext();
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "The page size must be between 1 and 1000.");
        }

        var skip = query.ContinuationToken is null ? 0 : DecodeToken(query.ContinuationToken);
        List<OrchestrationMetadata> matches;
        lock (_gate)
        {
            matches = _instances.Values.Select(e => e.Metadata)
                .Where(m => query.CreatedFrom is null || m.CreatedAt >= query.CreatedFrom)
                .Where(m => query.CreatedTo is null || m.CreatedAt <= query.CreatedTo)
                .Where(m => query.Statuses is not { Count: > 0 } || query.Statuses.Contains(m.RuntimeStatus))
                .Where(m => query.InstanceIdPrefix is null || m.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.InstanceId, StringComparer.Ordinal)
                .ToList();
        }

        var page = matches.Skip(skip).Take(query.PageSize).Select(m => query.FetchInputsAndOutputs ? m : WithoutPayloads(m)).ToList();
        var next = skip + page.Count < matches.Count ? EncodeToken(skip + page.Count) : null;
        return Task.FromResult(new OrchestrationQueryResult(page, next));
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) ?? throw new OrchestrationNotFoundException(instanceId);

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        Entry entry;
        lock (_gate)
        {
            entry = _instances.TryGetValue(instanceId, out var e) ? e : throw new OrchestrationNotFoundException(instanceId);
        }

        OnWaiting?.Invoke(instanceId);
        await entry.Done.Task.WaitAsync(cancellationToken);
        return Find(instanceId) ?? throw new OrchestrationNotFoundException(instanceId);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var payload = Serialize(eventPayload, "event payload");
        return Queue(nameof(RaiseEventAsync), instanceId, "raise an event to", s => !s.IsTerminal(), $"{eventName} {payload ?? "<null>"}");
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default) =>
        Queue(nameof(TerminateInstanceAsync), instanceId, "terminate", s => !s.IsTerminal(), Serialize(options?.Output, "termination output") ?? "<null>");

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Queue(nameof(SuspendInstanceAsync), instanceId, "suspend", s => !s.IsTerminal(), reason ?? "<null>");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Queue(nameof(ResumeInstanceAsync), instanceId, "resume", s => !s.IsTerminal(), reason ?? "<null>");

    public override Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Queue(nameof(RewindInstanceAsync), instanceId, "rewind", s => s == OrchestrationRuntimeStatus.Failed, reason ?? "<null>");

    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        ThrowNext();
        InstanceIds.Validate(instanceId);
        var old = Find(instanceId) ?? throw new OrchestrationNotFoundException(instanceId);
        object? input = old.SerializedInput is null ? null : System.Text.Json.JsonDocument.Parse(old.SerializedInput).RootElement.Clone();
        var options = new StartOrchestrationOptions { InstanceId = restartWithNewInstanceId ? null : instanceId };
        var id = await ScheduleNewOrchestrationInstanceAsync(old.Name, input, options, cancellationToken);
        lock (_gate)
        {
            Calls.Add($"{nameof(RestartAsync)} {instanceId} {id}");
        }

        return id;
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowNext();
        InstanceIds.Validate(instanceId);
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var e))
            {
                return Task.FromResult(new PurgeResult(0));
            }

            if (!e.Metadata.RuntimeStatus.IsTerminal())
            {
                throw new OrchestrationStateException(instanceId, e.Metadata.RuntimeStatus, "purge");
            }

            _instances.Remove(instanceId);
            return Task.FromResult(new PurgeResult(1));
        }
    }

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var to = filter.CreatedTo ?? Now;
        lock (_gate)
        {
            var victims = _instances.Values.Select(e => e.Metadata)
                .Where(m => m.RuntimeStatus.IsTerminal())
                .Where(m => filter.CreatedFrom is null || m.CreatedAt >= filter.CreatedFrom)
                .Where(m => m.CreatedAt <= to)
                .Where(m => filter.Statuses is null || filter.Statuses.Contains(m.RuntimeStatus))
                .Select(m => m.InstanceId)
                .ToList();
            victims.ForEach(id => _instances.Remove(id));
            Calls.Add($"{nameof(PurgeAllInstancesAsync)} {filter.CreatedFrom:O} {filter.CreatedTo:O} {string.Join(',', filter.Statuses ?? [])}");
            return Task.FromResult(new PurgeResult(victims.Count));
        }
    }

    private static HistoryEvent Started(string name, string? input, DateTimeOffset at) =>
        new() { EventType = EventType.ExecutionStarted, Name = name, Input = input, Timestamp = at.UtcDateTime };

    private static OrchestrationMetadata WithoutPayloads(OrchestrationMetadata m) =>
        m with { SerializedInput = null, SerializedOutput = null, SerializedCustomStatus = null };

    private static string EncodeToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal) ? int.Parse(text[7..], CultureInfo.InvariantCulture) : throw new FormatException();
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), ex);
        }
    }

    private Task Queue(string operation, string instanceId, string verb, Func<OrchestrationRuntimeStatus, bool> allowed, string detail)
    {
        ThrowNext(operation);
        InstanceIds.Validate(instanceId);
        lock (_gate)
        {
            var e = _instances.TryGetValue(instanceId, out var found) ? found : throw new OrchestrationNotFoundException(instanceId);
            if (!allowed(e.Metadata.RuntimeStatus))
            {
                throw new OrchestrationStateException(instanceId, e.Metadata.RuntimeStatus, verb);
            }

            Calls.Add($"{operation} {instanceId} {detail}");
        }

        return Task.CompletedTask;
    }

    private void ThrowNext([System.Runtime.CompilerServices.CallerMemberName] string operation = "")
    {
        lock (_gate)
        {
            if (NextErrors.Remove(operation, out var error))
            {
                throw error;
            }
        }
    }

    private string? Serialize(object? value, string what)
    {
        var json = DataConverter.Default.Serialize(value);
        var size = json is null ? 0 : Encoding.UTF8.GetByteCount(json);
        return size > MaxPayloadBytes ? throw new PayloadTooLargeException(what, size, MaxPayloadBytes) : json;
    }

    private sealed class Entry(OrchestrationMetadata metadata, List<HistoryEvent> history)
    {
        public OrchestrationMetadata Metadata { get; set; } = metadata;

        public List<HistoryEvent> History { get; } = history;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
