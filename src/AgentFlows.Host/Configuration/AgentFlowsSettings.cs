using System.Globalization;
using AgentFlows.Hosting;

namespace AgentFlows.Host.Configuration;

/// <summary>The host's validated settings, read from host.json (<c>extensions.durableTask</c>) and app settings.</summary>
internal sealed record AgentFlowsSettings
{
    private const string DurableTask = FunctionsConfiguration.HostSection + ":extensions:durableTask:";

    /// <summary>Gets the task hub name.</summary>
    public required string HubName { get; init; }

    /// <summary>Gets the store type: <c>sqlite</c> or <c>postgres</c>.</summary>
    public required string StorageType { get; init; }

    /// <summary>Gets the name of the setting holding the connection string.</summary>
    public required string ConnectionStringName { get; init; }

    /// <summary>Gets the store's connection string.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Gets the worker options.</summary>
    public required DurableTaskWorkerOptions Worker { get; init; }

    /// <summary>Reads and validates the settings; throws <see cref="SettingsException"/> naming the first bad one.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="contentRoot">The content root (relative SQLite paths resolve against it).</param>
    /// <returns>The settings.</returns>
    public static AgentFlowsSettings Load(IConfiguration config, string contentRoot)
    {
        var hub = config[DurableTask + "hubName"] ?? "AgentFlows";
        if (hub.Length is < 3 or > 45 || !char.IsAsciiLetter(hub[0]) || !hub.All(char.IsAsciiLetterOrDigit))
        {
            throw new SettingsException("extensions.durableTask.hubName", hub, "3 to 45 letters and digits, starting with a letter");
        }

        var type = (config[DurableTask + "storageProvider:type"] ?? "sqlite").Trim().ToLowerInvariant();
        type = type == "postgresql" ? "postgres" : type;
        if (type is not ("sqlite" or "postgres"))
        {
            throw new SettingsException("extensions.durableTask.storageProvider.type", type, "sqlite, postgres");
        }

        var name = config[DurableTask + "storageProvider:connectionStringName"] ?? "AgentFlowsStorage";
        var connection = config[name] ?? config["ConnectionStrings:" + name];
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = type == "sqlite"
                ? "Data Source=" + Path.Combine(contentRoot, ".agentflows", "agentflows.db")
                : throw new SettingsException(name, connection, "an Npgsql connection string (Host=…;Database=…;Username=…) when storageProvider.type is postgres");
        }

        if (type == "sqlite")
        {
            connection = AnchorSqlitePath(connection, contentRoot, name);
        }

        var worker = new DurableTaskWorkerOptions
        {
            MaxConcurrentActivityFunctions = Int(config, "maxConcurrentActivityFunctions", 10 * Environment.ProcessorCount, 1, 10_000),
            MaxConcurrentOrchestratorFunctions = Int(config, "maxConcurrentOrchestratorFunctions", 10 * Environment.ProcessorCount, 1, 10_000),
            ExtendedSessionsEnabled = Bool(config, "extendedSessionsEnabled", true),
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(Int(config, "extendedSessionIdleTimeoutInSeconds", 30, 1, 86_400)),
            MaxQueuePollingInterval = Span(config, "storageProvider:maxQueuePollingInterval", TimeSpan.FromSeconds(2)),

            // How soon another host takes over the work of one that died (the controlQueue/workItemQueue visibility
            // timeouts of Durable Functions' Azure Storage provider play this role there).
            OrchestrationLease = Span(config, "storageProvider:orchestrationLease", TimeSpan.FromSeconds(30)),
            ActivityLease = Span(config, "storageProvider:activityLease", TimeSpan.FromSeconds(60)),
            GracefulStopTimeout = TimeSpan.FromSeconds(GracePeriodSeconds(config)),

            // As in Durable Functions: defaultVersion is both what new instances start with and what this host runs.
            DefaultVersion = (config[DurableTask + "defaultVersion"] ?? string.Empty).Trim(),
            VersionMatchStrategy = Strategy(config, "versionMatchStrategy", VersionMatchStrategy.None),
            VersionFailureStrategy = Strategy(config, "versionFailureStrategy", VersionFailureStrategy.Reject),
        };
        return new AgentFlowsSettings { HubName = hub, StorageType = type, ConnectionStringName = name, ConnectionString = connection, Worker = worker };
    }

    /// <summary>
    /// Reads <c>AgentFlows:Shutdown:GracePeriodSeconds</c> (default 20): how long a stopping host lets in-flight
    /// activities finish before it cancels them and gives them back to the store for another host.
    /// </summary>
    private static int GracePeriodSeconds(IConfiguration config)
    {
        var text = config["AgentFlows:Shutdown:GracePeriodSeconds"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 20;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 3600
            ? v
            : throw new SettingsException("AgentFlows__Shutdown__GracePeriodSeconds", text, "an integer from 0 to 3600");
    }

    /// <summary>
    /// Resolves a relative SQLite file against the content root (not the working directory, which
    /// <c>dotnet run --project</c> sets to the project folder) and creates its folder, so the runtime store and the
    /// agent layer open the same file whoever opens it first.
    /// </summary>
    private static string AnchorSqlitePath(string connection, string contentRoot, string name)
    {
        Microsoft.Data.Sqlite.SqliteConnectionStringBuilder builder;
        try
        {
            builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
        }
        catch (ArgumentException ex)
        {
            throw new SettingsException(name, connection, "a SQLite connection string such as Data Source=.agentflows/agentflows.db (" + ex.Message + ")");
        }

        var file = builder.DataSource;
        if (string.IsNullOrWhiteSpace(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return connection;
        }

        builder.DataSource = Path.GetFullPath(file, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }

    private static int Int(IConfiguration config, string key, int fallback, int min, int max)
    {
        var text = config[DurableTask + key];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new SettingsException("extensions.durableTask." + key, text, $"an integer from {min} to {max}");
    }

    private static bool Bool(IConfiguration config, string key, bool fallback)
    {
        var text = config[DurableTask + key];
        return text is null ? fallback : bool.TryParse(text, out var v) ? v : throw new SettingsException("extensions.durableTask." + key, text, "true, false");
    }

    private static T Strategy<T>(IConfiguration config, string key, T fallback)
        where T : struct, Enum
    {
        var text = config[DurableTask + key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        // Names only (not numbers), case-insensitive, as host.json writes them.
        return !char.IsAsciiDigit(text.Trim()[0]) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var v) && Enum.IsDefined(v)
            ? v
            : throw new SettingsException("extensions.durableTask." + key, text, string.Join(", ", Enum.GetNames<T>()));
    }

    private static TimeSpan Span(IConfiguration config, string key, TimeSpan fallback)
    {
        var text = config[DurableTask + key];
        if (text is null)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var v) && v > TimeSpan.Zero
            ? v
            : throw new SettingsException("extensions.durableTask." + key, text, "a positive time span such as 00:00:02");
    }
}
