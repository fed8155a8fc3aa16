using AgentFlows.Dispatch;
using AgentFlows.Execution;
using AgentFlows.Serialization;
using AgentFlows.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFlows.Hosting;

/// <summary>
/// The host's worker: runs orchestration episodes and activity attempts from the store. On stop it takes no new
/// work, waits for what it holds up to <see cref="DurableTaskWorkerOptions.GracefulStopTimeout"/>, then cancels
/// running activities and gives their attempts back.
/// </summary>
public sealed class DurableTaskWorker : BackgroundService
{
    private readonly DurableTaskWorkerOptions _options;
    private readonly IOrchestrationStore _store;
    private readonly ILogger _logger;
    private readonly OrchestrationDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly CancellationTokenSource _hardStop = new();
    private readonly SessionCache? _cache;

    /// <summary>Initializes a new instance of the <see cref="DurableTaskWorker"/> class.</summary>
    /// <param name="store">The store.</param>
    /// <param name="registry">The orchestrators and activities.</param>
    /// <param name="services">Resolves activity and orchestrator dependencies.</param>
    /// <param name="options">Worker options.</param>
    /// <param name="limits">Payload limits.</param>
    /// <param name="converter">The payload converter.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="changes">Where to announce instance changes to clients in this process.</param>
    public DurableTaskWorker(
        IOrchestrationStore store,
        DurableTaskRegistry registry,
        IServiceProvider services,
        IOptions<DurableTaskWorkerOptions> options,
        RuntimeLimits? limits = null,
        DataConverter? converter = null,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null,
        InstanceChangeNotifier? changes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _options.Validate();
        _store = store;
        limits ??= new RuntimeLimits();
        converter ??= DataConverter.Default;
        time ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger("AgentFlows.Runtime");
        ITaskOrchestrator? Resolve(string name) => registry.TryGetOrchestrator(name, out var f) ? f(services) : null;
        var versions = new VersionCheck(_options, _logger);
        var runner = new EpisodeRunner(converter, Resolve, loggerFactory, limits, time, versions);
        _cache = _options.ExtendedSessionsEnabled ? new SessionCache(_options.MaxCachedSessions, _options.ExtendedSessionIdleTimeout, time) : null;
        _orchestrations = new OrchestrationDispatcher(store, runner, _cache, changes, _options, _logger, versions);
        _activities = new ActivityDispatcher(store, new ActivityRunner(store, registry, services, converter, limits, _options, time, _logger), _options, _logger);
    }

    /// <summary>Gets the number of live orchestrations kept in memory.</summary>
    public int CachedSessionCount => _cache?.Count ?? 0;

    /// <summary>Gets the number of episodes and activity attempts in flight.</summary>
    public int InFlightCount => _orchestrations.InFlight.Count + _activities.InFlight.Count;

    /// <summary>Gets a value indicating whether the dispatch loops are running.</summary>
    public bool IsRunning { get; private set; }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(_options.GracefulStopTimeout);
        var drained = await _activities.InFlight.DrainAsync(grace.Token).ConfigureAwait(false) &&
            await _orchestrations.InFlight.DrainAsync(grace.Token).ConfigureAwait(false);
        if (!drained)
        {
            await _hardStop.CancelAsync().ConfigureAwait(false);
            await _activities.InFlight.DrainAsync(CancellationToken.None).ConfigureAwait(false);
            await _orchestrations.InFlight.DrainAsync(CancellationToken.None).ConfigureAwait(false);
        }

        IsRunning = false;
        _logger.WorkerStopped(_options.WorkerId);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _hardStop.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _store.InitializeAsync(stoppingToken).ConfigureAwait(false);
        IsRunning = true;
        _logger.WorkerStarted(_options.WorkerId, _options.MaxConcurrentOrchestratorFunctions, _options.MaxConcurrentActivityFunctions);
        await Task.WhenAll(
            Task.Run(() => _orchestrations.RunAsync(stoppingToken), CancellationToken.None),
            Task.Run(() => _activities.RunAsync(stoppingToken, _hardStop.Token), CancellationToken.None)).ConfigureAwait(false);
    }
}
