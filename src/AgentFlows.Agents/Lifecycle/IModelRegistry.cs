namespace AgentFlows.Agents.Lifecycle;

/// <summary>Model versions produced by the lifecycle.</summary>
public interface IModelRegistry
{
    /// <summary>Registers a version once per lifecycle instance (a repeat returns the first registration).</summary>
    /// <param name="request">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored version.</returns>
    Task<ModelVersion> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default);

    /// <summary>Makes a version the only promoted one.</summary>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task PromoteAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>Lists versions, newest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions.</returns>
    Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the newest version.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version, or null.</returns>
    Task<ModelVersion?> GetLatestAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the promoted version (the planner's model).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version, or null.</returns>
    Task<ModelVersion?> GetPromotedAsync(CancellationToken cancellationToken = default);
}
