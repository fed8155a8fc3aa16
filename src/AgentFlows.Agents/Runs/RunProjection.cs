using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;
using AgentFlows.Client;
using AgentFlows.History;

namespace AgentFlows.Agents.Runs;

/// <summary>
/// Derives a run's events and its view from the orchestration's history: one source of truth, so the stream, the
/// view and a reconnect after a restart always agree. Each history row yields at most four events, numbered
/// <c>row × 4 + k + 1</c>; rewind neutralises rows in place, so numbers never shift.
/// </summary>
public sealed partial class RunProjection
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<int, Call> _calls = [];
    private readonly Dictionary<int, string> _waitTimers = [];
    private readonly Dictionary<string, StepState> _steps = new(StringComparer.Ordinal);
    private readonly List<RunEvent> _events = [];

    private RunProjection(OrchestrationMetadata instance, RunRequest request)
    {
        Instance = instance;
        Request = request;
        Planner = request.Plan is null ? null : request.PlannedBy ?? "caller";
        SetPlan(request.Plan);
    }

    /// <summary>Gets the events, in order.</summary>
    public IReadOnlyList<RunEvent> Events => _events;

    private OrchestrationMetadata Instance { get; }

    private RunRequest Request { get; }

    private Plan? Plan { get; set; }

    private string? Planner { get; set; }

    /// <summary>Builds the projection of a run.</summary>
    /// <param name="instance">The instance, with inputs and outputs.</param>
    /// <param name="history">Its history.</param>
    /// <returns>The projection.</returns>
    public static RunProjection Build(OrchestrationMetadata instance, IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(history);
        var request = ReadRequest(instance.SerializedInput);
        var projection = new RunProjection(instance, request);
        for (var row = 0; row < history.Count; row++)
        {
            projection.Apply(row, history[row]);
        }

        return projection;
    }

    /// <summary>Reads the run request out of the instance input (tolerates a missing or foreign input).</summary>
    /// <param name="input">The serialized input.</param>
    /// <returns>The request.</returns>
    public static RunRequest ReadRequest(string? input)
    {
        try
        {
            return input is null ? new RunRequest() : JsonSerializer.Deserialize<RunRequest>(input, _json) ?? new RunRequest();
        }
        catch (JsonException)
        {
            return new RunRequest();
        }
    }

    private void SetPlan(Plan? plan)
    {
        Plan = plan;
        foreach (var step in plan?.Steps ?? [])
        {
            _steps.TryAdd(step.Id, new StepState());
        }
    }

    private void Emit(int row, int k, string type, DateTime at, string? stepId, JsonObject data) =>
        _events.Add(new RunEvent(((long)row * 4) + k + 1, type, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), stepId, data));

    private static JsonNode? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private sealed record Call(string Kind, string? StepId, string? Tool, bool Child = false);

    private sealed class StepState
    {
        public string Status { get; set; } = "pending";

        public int Attempts { get; set; }

        public string? ToolVersion { get; set; }

        public JsonNode? Output { get; set; }

        public string? Error { get; set; }

        public DateTime? StartedAt { get; set; }

        public DateTime? CompletedAt { get; set; }
    }
}
