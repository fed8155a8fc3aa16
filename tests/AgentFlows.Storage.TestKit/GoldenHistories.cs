using System.Text.Json;
using AgentFlows.Execution;
using AgentFlows.History;
using AgentFlows.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFlows.Testing;

/// <summary>
/// Golden histories: histories recorded by a released build, checked in, and replayed with the current code so a
/// change that would break in-flight instances fails a test. Re-recorded only on purpose, when
/// <c>AGENTFLOWS_RECORD_HISTORIES</c> names the folder to write (see AGENTS.md).
/// </summary>
public static class GoldenHistories
{
    private static readonly JsonSerializerOptions _write = new(DataConverter.Default.Options) { WriteIndented = true };

    /// <summary>Gets the folder to record into, or null when not recording.</summary>
    public static string? RecordingTarget => Environment.GetEnvironmentVariable("AGENTFLOWS_RECORD_HISTORIES") is { Length: > 0 } target ? target : null;

    /// <summary>Reads a recorded history.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The events.</returns>
    public static List<HistoryEvent> Load(string path) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(File.ReadAllText(path), DataConverter.Default.Options)!;

    /// <summary>Writes a history as indented JSON.</summary>
    /// <param name="path">The file.</param>
    /// <param name="history">The events.</param>
    /// <returns>A task.</returns>
    public static async Task SaveAsync(string path, IReadOnlyList<HistoryEvent> history)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(history, _write));
    }

    /// <summary>
    /// Replays a history (up to, not including, its ExecutionCompleted) with the orchestrators of <paramref name="registry"/>,
    /// as a cold worker would; actions are matched by kind, name and sequence number, never by input.
    /// </summary>
    /// <param name="history">The recorded history.</param>
    /// <param name="registry">The current code.</param>
    /// <param name="services">Services orchestrator factories may ask for.</param>
    /// <returns>What the replay came to.</returns>
    public static GoldenReplay Replay(IEnumerable<HistoryEvent> history, DurableTaskRegistry registry, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var session = new OrchestrationSession("golden", DataConverter.Default,
            name => registry.TryGetOrchestrator(name, out var f) ? f(services!) : null, NullLoggerFactory.Instance, new RuntimeLimits());
        session.Apply(history.Where(e => e.EventType != EventType.ExecutionCompleted).ToList(), replaying: true);
        return new GoldenReplay(session.Name, session.Outcome?.Output, session.Outcome?.Failure, session.Outcome is not null, session.NewActions.ToList());
    }
}

/// <summary>The result of replaying a golden history.</summary>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Output">The output or failure text once the code finished.</param>
/// <param name="Failure">The failure, when the code failed (a non-determinism error carries the readable diff).</param>
/// <param name="Finished">Whether the code finished.</param>
/// <param name="NewActions">Actions the code asked for that history does not record (empty for a finished history).</param>
public sealed record GoldenReplay(string Name, string? Output, FailureDetails? Failure, bool Finished, IReadOnlyList<HistoryEvent> NewActions);
