using System.Globalization;

namespace AgentFlows.Bench;

/// <summary>The benchmark's command line (CONTRACT.md §7).</summary>
internal sealed record BenchOptions(string Store, string? Connection, string Scenario, int? N, int Fanout, int Reps)
{
    public static BenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'; usage: --store sqlite|memory|postgres [--connection CS] [--scenario sequential3|fanout|latency|long-history|all] [--n N] [--fanout F] [--reps R]");
            }

            map[args[i][2..]] = args[++i];
        }

        var unknown = map.Keys.Except(["store", "connection", "scenario", "n", "fanout", "reps"]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option --{unknown[0]}");
        }

        var store = map.GetValueOrDefault("store", "sqlite");
        if (store is not ("sqlite" or "memory" or "postgres"))
        {
            throw new ArgumentException($"--store must be sqlite, memory or postgres, not '{store}'");
        }

        var scenario = map.GetValueOrDefault("scenario", "all");
        if (scenario is not ("sequential3" or "fanout" or "latency" or "long-history" or "all"))
        {
            throw new ArgumentException($"--scenario must be sequential3, fanout, latency, long-history or all, not '{scenario}'");
        }

        return new BenchOptions(store, map.GetValueOrDefault("connection"), scenario,
            map.TryGetValue("n", out var n) ? Positive(n, "n") : null,
            map.TryGetValue("fanout", out var f) ? Positive(f, "fanout") : 100,
            map.TryGetValue("reps", out var r) ? Positive(r, "reps") : 20);
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ArgumentException($"--{name} must be a positive integer, not '{text}'");
}
