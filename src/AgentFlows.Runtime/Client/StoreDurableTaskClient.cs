using System.Text;
using AgentFlows.Diagnostics;
using AgentFlows.Execution;
using AgentFlows.History;
using AgentFlows.Serialization;
using AgentFlows.Storage;

namespace AgentFlows.Client;

/// <summary>The <see cref="DurableTaskClient"/> over an <see cref="IOrchestrationStore"/>: every request is validated, then made durable in one store call.</summary>
public sealed partial class StoreDurableTaskClient : DurableTaskClient
{
    private readonly IOrchestrationStore _store;
    private readonly DurableTaskRegistry _registry;
    private readonly DataConverter _converter;
    private readonly RuntimeLimits _limits;
    private readonly TimeProvider _time;
    private readonly InstanceChangeNotifier? _changes;
    private readonly string _defaultVersion;

    /// <summary>Initializes a new instance of the <see cref="StoreDurableTaskClient"/> class.</summary>
    /// <param name="store">The store.</param>
    /// <param name="registry">The registry, used to reject unknown orchestrator names.</param>
    /// <param name="converter">The payload converter.</param>
    /// <param name="limits">Payload limits.</param>
    /// <param name="time">The clock.</param>
    /// <param name="changes">In-process change notices from a worker sharing this process, if any.</param>
    /// <param name="defaultVersion">The version new instances start with unless the start request names one (host.json <c>defaultVersion</c>).</param>
    public StoreDurableTaskClient(
        IOrchestrationStore store,
        DurableTaskRegistry registry,
        DataConverter? converter = null,
        RuntimeLimits? limits = null,
        TimeProvider? time = null,
        InstanceChangeNotifier? changes = null,
        string? defaultVersion = null)
    {
        _defaultVersion = defaultVersion ?? string.Empty;
        _changes = changes;
        _store = store;
        _registry = registry;
        _converter = converter ?? DataConverter.Default;
        _limits = limits ?? new RuntimeLimits();
        _time = time ?? TimeProvider.System;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        if (!_registry.TryGetOrchestrator(orchestratorName, out _))
        {
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered.", nameof(orchestratorName));
        }

        var now = Now;
        var instanceId = options?.InstanceId is null ? Guid.CreateVersion7(now).ToString("N") : InstanceIds.Validate(options.InstanceId);
        var json = SerializeInput(input, "input");
        var executionId = Guid.CreateVersion7(now).ToString("N");
        var visibleAt = options?.StartAt?.UtcDateTime is { } at && at > now ? at : now;
        var row = new InstanceRecord
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            ExecutionId = executionId,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = json,
            CreatedAt = now,
            LastUpdatedAt = now,
            Tags = options?.Tags,
        };
        var start = new HistoryEvent
        {
            EventType = EventType.ExecutionStarted,
            Timestamp = now,
            Name = orchestratorName,
            Input = json,
            ExecutionId = executionId,
            Tags = options?.Tags,
            TraceParent = RuntimeTelemetry.CurrentTraceParent(),
            Version = (options?.Version ?? _defaultVersion) is { Length: > 0 } version ? version : null,
        };
        await _store.CreateInstanceAsync(row, new OrchestrationMessage(instanceId, start, visibleAt), options?.DedupeStatuses, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        var row = await _store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToMetadata(row);
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return await _store.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "The page size must be between 1 and 1000.");
        }

        var (items, token) = await _store.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
        return new OrchestrationQueryResult(items.Select(ToMetadata).ToList(), token);
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord row) => new()
    {
        Name = row.Name,
        InstanceId = row.InstanceId,
        ExecutionId = row.ExecutionId,
        RuntimeStatus = row.Status,
        CreatedAt = new DateTimeOffset(row.CreatedAt, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(row.LastUpdatedAt, TimeSpan.Zero),
        SerializedInput = row.Input,
        SerializedOutput = row.Output,
        SerializedCustomStatus = row.CustomStatus,
        FailureDetails = row.FailureDetails,
        ParentInstanceId = row.ParentInstanceId,
        DataConverter = _converter,
    };

    private string? SerializeInput(object? value, string what)
    {
        string? json;
        try
        {
            json = _converter.Serialize(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException or ArgumentException)
        {
            throw new ArgumentException($"The {what} cannot be serialized to JSON: {ex.Message}", what, ex);
        }

        var size = json is null ? 0 : Encoding.UTF8.GetByteCount(json);
        return size > _limits.MaxPayloadBytes ? throw new PayloadTooLargeException(what, size, _limits.MaxPayloadBytes) : json;
    }

    private async Task<InstanceRecord> RequireAsync(string instanceId, CancellationToken cancellationToken)
    {
        InstanceIds.Validate(instanceId);
        return await _store.GetInstanceAsync(instanceId, false, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
    }
}
