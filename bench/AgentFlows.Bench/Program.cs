using AgentFlows.Bench;
using AgentFlows.Testing.Postgres;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("agentflows-bench: " + ex.Message);
    return 2;
}

var scenarios = options.Scenario == "all" ? ["sequential3", "fanout", "latency", "long-history"] : new[] { options.Scenario };
PostgresCluster? cluster = null;
try
{
    // --store postgres without --connection: one throwaway cluster for the whole run (initdb + pg_ctl, removed after).
    if (options.Store == "postgres" && options.Connection is null)
    {
        await Console.Error.WriteLineAsync("agentflows-bench: starting a throwaway PostgreSQL cluster");
        cluster = await PostgresCluster.StartAsync();
    }

    var postgres = options.Store == "postgres" ? options.Connection ?? cluster!.ConnectionString : null;
    foreach (var scenario in scenarios)
    {
        // A fresh store per scenario so one scenario's rows do not slow the next.
        await using var host = await BenchHost.StartAsync(options, postgres);
        var result = scenario switch
        {
            "sequential3" => await Scenarios.Sequential3Async(host, options),
            "fanout" => await Scenarios.FanOutAsync(host, options),
            "latency" => await Scenarios.LatencyAsync(host, options),
            _ => await Scenarios.LongHistoryAsync(host, options),
        };
        Console.WriteLine(result.ToJson());
    }
}
catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync("agentflows-bench: " + ex.Message);
    return 1;
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
}

return 0;
