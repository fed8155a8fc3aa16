using System.Security.Cryptography;
using System.Text;
using AgentFlows.History;

namespace AgentFlows.Execution;

/// <summary>The operations orchestrator code calls through its context.</summary>
internal sealed partial class OrchestrationSession
{
    private static readonly Guid _guidNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    /// <summary>Schedules an activity or sub-orchestration call.</summary>
    /// <param name="subOrchestration">True for a sub-orchestration.</param>
    /// <param name="name">The name.</param>
    /// <param name="input">The input object.</param>
    /// <param name="options">The options.</param>
    /// <param name="site">Where the code asked for it.</param>
    /// <returns>The result JSON.</returns>
    public Task<string?> ScheduleCall(bool subOrchestration, string name, object? input, TaskOptions? options, CallSite site = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (input is TaskOptions && options is null)
        {
            throw new ArgumentException("A TaskOptions object was passed as the input; pass it as the options argument.", nameof(input));
        }

        var id = _nextSequence++;
        string? childId = null;
        if (subOrchestration)
        {
            childId = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
            InstanceIds.Validate(childId, "options.InstanceId");
        }

        var call = new OpenCall(
            subOrchestration ? EventType.SubOrchestrationInstanceCreated : EventType.TaskScheduled,
            id, name, SerializePayload(input, "input of '" + name + "'"), options?.Retry, CurrentUtcDateTime)
        {
            ChildInstanceId = childId,
            Tags = options?.Tags,

            // A child starts on the version asked for, else its parent's, as in Durable Functions.
            Version = subOrchestration && (options?.Version ?? Version) is { Length: > 0 } version ? version : null,
            Site = site,
        };
        _calls[id] = call;
        AddAction(ScheduledEvent(call), site);
        return call.Completion.Task;
    }

    /// <summary>Creates a durable timer.</summary>
    /// <param name="fireAt">When it fires.</param>
    /// <param name="name">A name recorded on the TimerCreated event, or null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="site">Where the code asked for it.</param>
    /// <returns>A task completing when it fires.</returns>
    public Task CreateTimer(DateTime fireAt, string? name, CancellationToken cancellationToken, CallSite site = default)
    {
        var timer = new OpenTimer(_nextSequence++, fireAt.ToUniversalTime());
        _timers[timer.Id] = timer;
        AddAction(new HistoryEvent { EventType = EventType.TimerCreated, EventId = timer.Id, FireAt = timer.FireAt, Name = name }, site);
        if (cancellationToken.CanBeCanceled)
        {
            // Registration runs inline on cancel, which happens inside orchestrator code on this thread.
            cancellationToken.Register(() => timer.Completion.TrySetCanceled(cancellationToken));
        }

        return timer.Completion.Task;
    }

    /// <summary>Waits for an external event.</summary>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The payload JSON.</returns>
    public Task<string?> WaitForEvent(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_bufferedEvents.TryGetValue(name, out var queue) && queue.Count > 0)
        {
            var payload = queue.Dequeue();
            if (queue.Count == 0)
            {
                _bufferedEvents.Remove(name);
            }

            return Task.FromResult(payload);
        }

        if (!_waiters.TryGetValue(name, out var list))
        {
            _waiters[name] = list = new LinkedList<EventWaiter>();
        }

        var waiter = new EventWaiter();
        var node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                }

                waiter.Completion.TrySetCanceled(cancellationToken);
            });
        }

        return waiter.Completion.Task;
    }

    /// <summary>Sends an event to another instance.</summary>
    /// <param name="instanceId">The target.</param>
    /// <param name="name">The event name.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="site">Where the code asked for it.</param>
    public void SendEvent(string instanceId, string name, object? payload, CallSite site = default)
    {
        InstanceIds.Validate(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AddAction(new HistoryEvent
        {
            EventType = EventType.EventSent,
            EventId = _nextSequence++,
            InstanceId = instanceId,
            Name = name,
            Input = SerializePayload(payload, "payload of event '" + name + "'"),
        }, site);
    }

    /// <summary>Sets the custom status.</summary>
    /// <param name="status">The status object.</param>
    public void SetCustomStatus(object? status)
    {
        var json = Converter.Serialize(status);
        var size = json is null ? 0 : Encoding.UTF8.GetByteCount(json);
        if (size > _limits.MaxCustomStatusBytes)
        {
            throw new PayloadTooLargeException("custom status", size, _limits.MaxCustomStatusBytes);
        }

        CustomStatus = json;
    }

    /// <summary>Requests continue-as-new once the code returns.</summary>
    /// <param name="input">The new input.</param>
    /// <param name="preserveUnprocessedEvents">Whether buffered events carry over.</param>
    public void RequestContinueAsNew(object? input, bool preserveUnprocessedEvents) =>
        ContinueAsNew = new ContinueAsNewRequest(Converter.Serialize(input), preserveUnprocessedEvents);

    private string? SerializePayload(object? value, string what)
    {
        var json = Converter.Serialize(value);
        var size = json is null ? 0 : Encoding.UTF8.GetByteCount(json);
        return size > _limits.MaxPayloadBytes ? throw new PayloadTooLargeException(what, size, _limits.MaxPayloadBytes) : json;
    }

    /// <summary>Creates a deterministic name-based (version 5) GUID, as Durable Functions does.</summary>
    /// <returns>The GUID.</returns>
    public Guid NewGuid()
    {
        var name = $"{InstanceId}_{CurrentUtcDateTime:o}_{_guidCounter++}";
        Span<byte> ns = stackalloc byte[16];
        _guidNamespace.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        ns.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buffer, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
