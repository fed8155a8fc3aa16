namespace AgentFlows.Cli.Tests.Fakes;

/// <summary>A canned run of the fake server. Its state (as GET returns it) follows the events delivered so far.</summary>
internal sealed class FakeRun
{
    private long _delivered;
    private int _connections;
    private int _fetches;

    public required string RunId { get; init; }

    public required string Prompt { get; init; }

    public string? SessionId { get; init; }

    public required IReadOnlyList<FakeStep> Plan { get; init; }

    public required IReadOnlyList<FakeEvent> Events { get; init; }

    public StreamBehavior Stream { get; init; }

    public long DropAfterSeq { get; init; }

    public object? Result { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = FakeScenarios.Epoch;

    /// <summary>Completes with the decision when <c>approve</c> is posted.</summary>
    public TaskCompletionSource<string> Approval { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the stream has sent <c>approval.requested</c>.</summary>
    public TaskCompletionSource ApprovalRequestedSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes on the second <c>GET /api/runs/{runId}</c>: a watching client makes it when it handles
    /// <c>plan.created</c>, which proves it has read the stream that far.
    /// </summary>
    public TaskCompletionSource SecondFetch { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Delivered => Interlocked.Read(ref _delivered);

    public void CountFetch()
    {
        if (Interlocked.Increment(ref _fetches) == 2)
        {
            SecondFetch.TrySetResult();
        }
    }

    public int NextConnection() => Interlocked.Increment(ref _connections);

    public void MarkDelivered(long seq)
    {
        long current;
        while ((current = Interlocked.Read(ref _delivered)) < seq && Interlocked.CompareExchange(ref _delivered, seq, current) != current)
        {
        }
    }

    public void DeliverAll() => MarkDelivered(Events[^1].Seq);

    public string Status => StatusAfter(Events.Where(e => e.Seq <= Delivered));

    /// <summary>The run as <c>GET /api/runs/{runId}</c> returns it, derived from the delivered events.</summary>
    public object ToDetails()
    {
        var delivered = Events.Where(e => e.Seq <= Delivered).ToList();
        var status = StatusAfter(delivered);
        var planned = delivered.Exists(e => e.Type == "plan.created");
        var last = delivered.Count == 0 ? CreatedAt : delivered[^1].At;
        return new
        {
            runId = RunId,
            status,
            prompt = Prompt,
            sessionId = SessionId,
            planner = "pattern",
            plan = planned ? new { steps = Plan.Select(s => StepDetails(s, delivered)).ToList() } : null,
            result = status == "Completed" ? Result : null,
            error = status == "Failed" ? ErrorOf(delivered) : null,
            createdAt = CreatedAt,
            updatedAt = last,
            usage = new { llmCalls = 0, inputTokens = 0, outputTokens = 0, costUsd = 0m },
        };
    }

    private static object? ErrorOf(List<FakeEvent> delivered) =>
        delivered.LastOrDefault(e => e.Type == "run.failed")?.Data is Dictionary<string, object?> data ? data.GetValueOrDefault("error") : null;

    private static string StatusAfter(IEnumerable<FakeEvent> delivered)
    {
        var status = "Pending";
        foreach (var e in delivered)
        {
            status = e.Type switch
            {
                "run.started" or "approval.resolved" or "run.rewound" => "Running",
                "approval.requested" => "WaitingForApproval",
                "run.completed" => "Completed",
                "run.failed" => "Failed",
                "run.canceled" => "Canceled",
                _ => status,
            };
        }

        return status;
    }

    private static object StepDetails(FakeStep step, List<FakeEvent> delivered)
    {
        var status = "Pending";
        var attempts = 0;
        DateTimeOffset? startedAt = null;
        DateTimeOffset? completedAt = null;
        object? error = null;
        foreach (var e in delivered.Where(e => e.StepId == step.Id))
        {
            switch (e.Type)
            {
                case "step.started":
                    status = "Running";
                    attempts++;
                    startedAt ??= e.At;
                    break;
                case "step.completed":
                    status = "Completed";
                    completedAt = e.At;
                    break;
                case "step.failed":
                    status = "Failed";
                    completedAt = e.At;
                    error = (e.Data as Dictionary<string, object?>)?.GetValueOrDefault("error");
                    break;
            }
        }

        return new
        {
            id = step.Id,
            tool = step.Tool,
            args = new { },
            dependsOn = Array.Empty<string>(),
            status,
            attempts,
            output = status == "Completed" ? (object)$"output of {step.Id}" : null,
            error,
            startedAt,
            completedAt,
        };
    }
}
