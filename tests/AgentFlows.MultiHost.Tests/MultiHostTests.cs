using System.Diagnostics;
using System.Globalization;

namespace AgentFlows.MultiHost.Tests;

/// <summary>
/// Three real host processes on one PostgreSQL database: none is special, runs survive a host killed with SIGKILL and
/// PostgreSQL restarting, and nothing is lost or done twice.
/// </summary>
public sealed class MultiHostTests(PostgresClusterFixture postgres) : IClassFixture<PostgresClusterFixture>
{
    /// <summary>The run-wait bound of one test: with the default 30 s orchestration lease a takeover needs at most that plus one episode.</summary>
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(75);

    [Fact]
    public async Task Run_StartedOnHostOne_VisibleOnOtherHostsAndCancelledFromHostThree()
    {
        await using var hosts = new HostGroup(await postgres.CreateDatabaseAsync(), 3);
        await hosts.StartAsync();
        using var one = hosts.Client(0);
        using var two = hosts.Client(1);
        using var three = hosts.Client(2);

        var runId = await one.StartRunAsync("calculate 2+3 then wait 60 seconds then calculate {step_1_output} * 2");

        var onTwo = await two.UntilAsync(runId, v => v.StepIs("step_1", "completed"), RunBound);
        var onThree = await three.GetRunAsync(runId);
        Assert.Equal("Running", onTwo.Status());
        Assert.Equal(runId, onThree["runId"]!.GetValue<string>());
        Assert.Equal(onTwo["prompt"]!.GetValue<string>(), onThree["prompt"]!.GetValue<string>());

        await three.CancelRunAsync(runId);

        foreach (var http in new[] { one, two, three })
        {
            var view = await http.UntilAsync(runId, v => v.Status() != "Running" && v.Status() != "Pending", RunBound);
            Assert.Equal("Canceled", view.Status());
            Assert.False(view.StepIs("step_3", "completed"));
        }
    }

    [Fact]
    public async Task Run_OwnerKilledDuringWaitStep_CompletesOnOtherHostsWithCompletedStepsKept()
    {
        var clock = Stopwatch.StartNew();
        await using var hosts = new HostGroup(await postgres.CreateDatabaseAsync(), 3);

        // Host 1 alone when the run starts, so the steps before the kill are certainly its work.
        await hosts.StartAsync(0);
        using var one = hosts.Client(0);
        var runId = await one.StartRunAsync("calculate 2+3 then wait 15 seconds then calculate {step_1_output} * 2");
        await one.UntilAsync(runId, v => v.StepIs("step_1", "completed") && v.StepIs("step_2", "running"), RunBound);
        await hosts.StartAsync(1, 2);
        using var two = hosts.Client(1);
        var beforeKill = await two.GetRunAsync(runId);
        Assert.Equal("Running", beforeKill.Status());
        Assert.False(beforeKill.StepIs("step_2", "completed"), "the wait step ended before host 1 was killed; the test proves nothing");

        await hosts.KillAsync(0);

        using var three = hosts.Client(2);
        var view = await three.UntilAsync(runId, v => v.Status() != "Running" && v.Status() != "Pending", RunBound);
        Assert.True(view.Status() == "Completed", view.ToJsonString());
        Assert.Equal(10, view.Result());
        Assert.All(view["plan"]!["steps"]!.AsArray(), s => Assert.Equal("completed", s!["status"]!.GetValue<string>()));
        Assert.Equal(1, view.Step("step_1")["attempts"]!.GetValue<int>());
        Assert.Equal(5, view.Step("step_1")["output"]!.GetValue<double>());
        Assert.Equal(1, view.Step("step_3")["attempts"]!.GetValue<int>());
        Assert.Equal(view.ToJsonString(), (await two.GetRunAsync(runId)).ToJsonString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_PostgresRestartedMidRun_HostsReconnectAndRunCompletes()
    {
        await using var hosts = new HostGroup(await postgres.CreateDatabaseAsync(), 3);
        await hosts.StartAsync();
        using var one = hosts.Client(0);
        using var two = hosts.Client(1);
        using var three = hosts.Client(2);
        var runId = await one.StartRunAsync("calculate 2+3 then wait 3 seconds then calculate {step_1_output} * 2");
        await two.UntilAsync(runId, v => v.StepIs("step_1", "completed"), RunBound);

        await postgres.Cluster.RestartAsync();

        var view = await two.UntilAsync(runId, v => v.Status() != "Running" && v.Status() != "Pending", RunBound);
        Assert.True(view.Status() == "Completed", view.ToJsonString());
        Assert.Equal(10, view.Result());
        Assert.Equal(1, view.Step("step_1")["attempts"]!.GetValue<int>());

        // Every host works again after the restart, not only the one that happened to finish the run.
        foreach (var http in new[] { one, two, three })
        {
            var after = await http.StartRunAsync("calculate 20+1 then calculate {step_1_output} * 2");
            var done = await http.UntilAsync(after, v => v.Status() != "Running" && v.Status() != "Pending", RunBound);
            Assert.True(done.Status() == "Completed", done.ToJsonString());
            Assert.Equal(42, done.Result());
        }
    }

    [Fact]
    public async Task Runs_SubmittedRoundRobinWhileHostKilledAndRestarted_AllCompleteExactlyOnce()
    {
        const int Runs = 200;
        var clock = Stopwatch.StartNew();
        var random = new Random(20_260_601);

        // Two rounds of SIGKILL and restart, each of a host picked at random, at random points of the submission.
        var first = random.Next(3);
        var second = (first + 1 + random.Next(2)) % 3;
        var killAt = random.Next(10, 50);
        var restartAt = random.Next(killAt + 20, 90);
        var killAgainAt = random.Next(restartAt + 10, 140);
        var restartAgainAt = random.Next(killAgainAt + 20, 190);
        await using var hosts = new HostGroup(await postgres.CreateDatabaseAsync(), 3);
        await hosts.StartAsync();

        var submitted = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        for (var i = 0; i < Runs; i++)
        {
            if (i == killAt || i == killAgainAt)
            {
                await hosts.KillAsync(i == killAt ? first : second);
            }
            else if (i == restartAt || i == restartAgainAt)
            {
                await hosts.StartAsync(i == restartAt ? first : second);
            }

            while (!hosts.IsRunning(next % hosts.Count))
            {
                next++;
            }

            using var http = hosts.Client(next++ % hosts.Count);
            var runId = await http.StartRunAsync(string.Create(CultureInfo.InvariantCulture, $"calculate {i}+1 then wait 1 seconds then calculate {{step_1_output}} * 2"));
            Assert.True(submitted.TryAdd(runId, i), $"run id {runId} given twice");
        }

        using var reader = hosts.Client(first);
        foreach (var (runId, i) in submitted)
        {
            var view = await reader.UntilAsync(runId, v => v.Status() != "Running" && v.Status() != "Pending", RunBound - clock.Elapsed + TimeSpan.FromSeconds(15));
            Assert.True(view.Status() == "Completed", view.ToJsonString());
            Assert.Equal((i + 1) * 2, view.Result());
            Assert.All(view["plan"]!["steps"]!.AsArray(), s => Assert.Equal("completed", s!["status"]!.GetValue<string>()));
        }

        var (items, total) = await reader.ListRunsAsync();
        Assert.Equal(Runs, total);
        Assert.Equal(Runs, items.Count);
        Assert.Equal(submitted.Keys.Order(StringComparer.Ordinal), items.Select(r => r["runId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(items, r => Assert.Equal("Completed", r.Status()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
    }
}
