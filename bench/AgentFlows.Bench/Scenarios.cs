using System.Diagnostics;
using AgentFlows.Client;

namespace AgentFlows.Bench;

/// <summary>The benchmark scenarios of CONTRACT.md §7.</summary>
internal static class Scenarios
{
    public static async Task<BenchResult> Sequential3Async(BenchHost host, BenchOptions o)
    {
        var n = o.N ?? 1000;

        await WarmUpAsync(host);
        using var peak = new PeakMemorySampler();
        var sw = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, n).Select(i => host.Client.ScheduleNewOrchestrationInstanceAsync("Sequential3", i)));
        await WaitAllAsync(host.Client, ids);
        var seconds = sw.Elapsed.TotalSeconds;
        return new BenchResult("sequential3", o.Store, n, Ms(sw), Round(n / seconds), Round(3 * n / seconds), PeakMb: peak.PeakMb);
    }

    public static async Task<BenchResult> FanOutAsync(BenchHost host, BenchOptions o)
    {
        var reps = Math.Min(o.Reps, 10);
        await WarmUpAsync(host);
        await RunOnceAsync(host.Client, "FanOut", o.Fanout);
        using var peak = new PeakMemorySampler();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < reps; i++)
        {
            times.Add(await RunOnceAsync(host.Client, "FanOut", o.Fanout));
        }

        times.Sort();
        return new BenchResult("fanout", o.Store, o.Fanout, Ms(total), ActivitiesPerSecond: Round(o.Fanout * reps / total.Elapsed.TotalSeconds),
            P50Ms: BenchResult.Percentile(times, 0.5), P95Ms: BenchResult.Percentile(times, 0.95), PeakMb: peak.PeakMb);
    }

    public static async Task<BenchResult> LatencyAsync(BenchHost host, BenchOptions o)
    {
        await WarmUpAsync(host);

        using var peak = new PeakMemorySampler();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < o.Reps; i++)
        {
            times.Add(await RunOnceAsync(host.Client, "Sequential3", i));
        }

        times.Sort();
        return new BenchResult("latency", o.Store, o.Reps, Ms(total), P50Ms: BenchResult.Percentile(times, 0.5), P95Ms: BenchResult.Percentile(times, 0.95), PeakMb: peak.PeakMb);
    }

    public static async Task<BenchResult> LongHistoryAsync(BenchHost host, BenchOptions o)
    {
        var n = o.N ?? 10_000;
        host.Marks.Reset(n);
        using var peak = new PeakMemorySampler();
        var sw = Stopwatch.StartNew();
        await RunOnceAsync(host.Client, "LongHistory", n);
        return new BenchResult("long-history", o.Store, n, Ms(sw), 1 / sw.Elapsed.TotalSeconds, Round(n / sw.Elapsed.TotalSeconds),
            PeakMb: peak.PeakMb, HalvesRatio: host.Marks.HalvesRatio());
    }

    /// <summary>Warms up (connection pool, caches) exactly as the DBOS peer harness does before it measures.</summary>
    private static async Task WarmUpAsync(BenchHost host)
    {
        const int WarmUp = 200;
        for (var i = 0; i < WarmUp; i++)
        {
            await RunOnceAsync(host.Client, "Sequential3", i);
        }

        await WaitAllAsync(host.Client, await Task.WhenAll(Enumerable.Range(0, WarmUp).Select(i => host.Client.ScheduleNewOrchestrationInstanceAsync("Sequential3", i))));
        await RunOnceAsync(host.Client, "FanOut", 10);
    }

    private static async Task<double> RunOnceAsync(DurableTaskClient client, string name, int input)
    {
        var sw = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input);
        var result = await client.WaitForInstanceCompletionAsync(id);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{name} ended {result.RuntimeStatus}: {result.FailureDetails}");
        }

        return Math.Round(sw.Elapsed.TotalMilliseconds, 3);
    }

    private static async Task WaitAllAsync(DurableTaskClient client, string[] ids)
    {
        foreach (var id in ids)
        {
            var m = await client.WaitForInstanceCompletionAsync(id);
            if (m.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{id} ended {m.RuntimeStatus}: {m.FailureDetails}");
            }
        }
    }

    private static double Ms(Stopwatch sw) => Math.Round(sw.Elapsed.TotalMilliseconds, 1);

    private static double Round(double v) => Math.Round(v, 1);
}
