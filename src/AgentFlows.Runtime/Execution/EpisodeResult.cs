using AgentFlows.Storage;

namespace AgentFlows.Execution;

/// <summary>What one episode produced: the checkpoint to commit and the session to keep for the next episode.</summary>
/// <param name="Checkpoint">The checkpoint.</param>
/// <param name="Session">The live session to cache, or null when it must not be reused.</param>
internal sealed record EpisodeResult(OrchestrationCheckpoint Checkpoint, OrchestrationSession? Session);
