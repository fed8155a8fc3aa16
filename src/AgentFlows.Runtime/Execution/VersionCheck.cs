using AgentFlows.History;
using AgentFlows.Hosting;
using AgentFlows.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Execution;

/// <summary>
/// Decides whether this worker may run an instance, by the version it started with and the worker's
/// <see cref="VersionMatchStrategy"/>, and applies <see cref="VersionFailureStrategy"/> to those it may not: Reject
/// leaves the work item for a host that can run it; Fail fails the instance at start, before any code runs.
/// </summary>
internal sealed class VersionCheck(DurableTaskWorkerOptions options, ILogger logger)
{
    /// <summary>The failure type of an instance refused by version, as Durable Functions names it.</summary>
    public const string ErrorType = "VersionMismatch";

    /// <summary>Gets the failure of an instance of <paramref name="version"/> under the Fail strategy, or null when it may run.</summary>
    /// <param name="version">The instance's version.</param>
    /// <returns>The failure or null.</returns>
    public FailureDetails? FailureFor(string version) =>
        options.VersionFailureStrategy == VersionFailureStrategy.Fail && Mismatch(version) is { } reason
            ? new FailureDetails(ErrorType, reason, IsNonRetriable: true)
            : null;

    /// <summary>
    /// Under the Reject strategy, holds back a work item whose instance this worker may not run: the lease is
    /// shortened to <see cref="DurableTaskWorkerOptions.VersionRejectDelay"/> and nothing is written, so after the
    /// delay any host can take it, and this one does not take it again at once.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="item">The locked work item.</param>
    /// <param name="cached">The session kept in memory, if any.</param>
    /// <param name="history">The stored history, when read.</param>
    /// <returns>True when the work item was rejected and must not run.</returns>
    public async Task<bool> TryRejectAsync(IOrchestrationStore store, OrchestrationWorkItem item, OrchestrationSession? cached, IReadOnlyList<HistoryEvent>? history)
    {
        if (options.VersionMatchStrategy == VersionMatchStrategy.None || options.VersionFailureStrategy != VersionFailureStrategy.Reject ||
            (item.Instance.Status.IsTerminal() && !item.Messages.Any(m => m.Event.EventType == EventType.ExecutionRewound)) ||
            VersionOf(item, cached, history) is not { } version || Mismatch(version) is not { } reason)
        {
            return false;
        }

        logger.VersionRejected(item.Instance.InstanceId, reason, options.VersionRejectDelay);
        try
        {
            await store.RenewOrchestrationAsync(item, options.VersionRejectDelay).ConfigureAwait(false);
        }
        catch (LeaseLostException)
        {
            // Another host owns it now: nothing to give back.
        }

        return true;
    }

    private string? Mismatch(string version)
    {
        var comparison = OrchestrationVersions.Compare(version, options.DefaultVersion);
        return options.VersionMatchStrategy switch
        {
            VersionMatchStrategy.Strict when comparison != 0 =>
                $"The orchestration version '{version}' does not match the worker version '{options.DefaultVersion}' (versionMatchStrategy Strict).",
            VersionMatchStrategy.CurrentOrOlder when comparison > 0 =>
                $"The orchestration version '{version}' is greater than the worker version '{options.DefaultVersion}' (versionMatchStrategy CurrentOrOlder).",
            _ => null,
        };
    }

    private static string? VersionOf(OrchestrationWorkItem item, OrchestrationSession? cached, IReadOnlyList<HistoryEvent>? history)
    {
        if (cached is not null)
        {
            return cached.Version;
        }

        // The running execution's start is in history; a new execution's (first start, continue-as-new) in the inbox.
        var start = history?.FirstOrDefault(e => e.EventType == EventType.ExecutionStarted)
            ?? item.Messages.LastOrDefault(m => m.Event.EventType == EventType.ExecutionStarted)?.Event;
        return start is null ? null : start.Version ?? string.Empty;
    }
}
