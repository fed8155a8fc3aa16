namespace AgentFlows.Storage.PostgreSql;

/// <summary>Options of the <see cref="PostgreSqlOrchestrationStore"/>.</summary>
public sealed record PostgreSqlStoreOptions
{
    /// <summary>The schema used when none is given.</summary>
    public const string DefaultSchema = "agentflows";

    /// <summary>The task hub used when none is given.</summary>
    public const string DefaultHubName = "default";

    /// <summary>Gets the Npgsql connection string. Pool size, auto-prepare and keepalive settings are set by the store.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Gets the schema that holds the store's tables; created and migrated by the store at start.</summary>
    public string Schema { get; init; } = DefaultSchema;

    /// <summary>
    /// Gets the task hub name. Hubs in one schema share the tables but never see each other's instances, work or
    /// wake-ups, like task hubs in one Durable Functions storage account.
    /// </summary>
    public string HubName { get; init; } = DefaultHubName;

    /// <summary>Gets the most orchestration episodes a host runs at once; only used to size the connection pool.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 10 * Environment.ProcessorCount;

    /// <summary>Gets the most activities a host runs at once; only used to size the connection pool.</summary>
    public int MaxConcurrentActivities { get; init; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Gets how many ready instances one lock round trip may lease (1 turns prefetching off). The extras go to this
    /// host's next lock calls while their leases are nearly whole, and are released otherwise, so a busy dispatcher is
    /// not bounded by one round trip per episode.
    /// </summary>
    public int OrchestrationPrefetch { get; init; } = 4;

    /// <summary>
    /// Gets whether work this host produces for itself skips the queue round trips: activities a checkpoint schedules
    /// are inserted already leased to this host's activity dispatcher (up to <see cref="MaxConcurrentActivities"/>
    /// waiting), and an activity completion also leases the instance it wakes for this host's orchestration
    /// dispatcher. Work this host cannot start promptly is released to every host. Both are fenced exactly like
    /// ordinary leases, so turning this off changes speed, never behaviour.
    /// </summary>
    public bool LocalHandOff { get; init; } = true;

    /// <summary>Gets the connection pool size; when null it is derived from the concurrency settings (see <see cref="EffectiveMaxPoolSize"/>).</summary>
    public int? MaxPoolSize { get; init; }

    /// <summary>
    /// Gets the shortest time between two NOTIFYs of this host: work committed after a quiet spell wakes other hosts at
    /// once, and under load the work committed within one interval is announced together.
    /// </summary>
    public TimeSpan NotificationInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Gets the longest pause between attempts to re-open the notification listener after its connection dropped.</summary>
    public TimeSpan MaxListenerReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the pool size the store uses.</summary>
    /// <remarks>
    /// A connection is held only for one store call, never while orchestrator or activity code runs, so a pool of a
    /// quarter of the concurrency keeps the workers fed; it is capped because every host on the database shares the
    /// server's <c>max_connections</c>, and a server answers fastest with a few busy connections per core.
    /// </remarks>
    public int EffectiveMaxPoolSize => MaxPoolSize ?? Math.Clamp((MaxConcurrentOrchestrations + MaxConcurrentActivities) / 4, 8, 32);
}
