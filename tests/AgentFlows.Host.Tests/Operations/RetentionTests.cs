using System.Threading.Channels;
using AgentFlows.Host.Configuration;
using AgentFlows.Host.Operations.Retention;
using AgentFlows.Storage;
using AgentFlows.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFlows.Host.Tests.Operations;

/// <summary>Retention purges ended runs older than the configured age, in bounded batches with pauses, on a fake clock.</summary>
public sealed class RetentionTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    [Fact]
    public async Task Sweep_EndedRunsOlderThanTheAge_PurgedInBatchesWithPausesOthersKept()
    {
        using var http = factory.CreateApiClient();
        var old = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = await http.StartRunAsync($"calculate {i}+1");
            await factory.CompletionAsync(id);
            old.Add(id);
        }

        var store = factory.Services.GetRequiredService<IOrchestrationStore>();
        var lastOld = (await store.GetInstanceAsync(old[^1], false))!.CompletedAt!.Value;
        var recent = await http.StartRunAsync("calculate 7+7");
        await factory.CompletionAsync(recent);
        var running = await http.StartRunAsync("calculate 1+1 then wait 1 hours");
        var clock = new FakeTimeProvider(new DateTimeOffset(lastOld, TimeSpan.Zero) + TimeSpan.FromDays(30) + TimeSpan.FromTicks(1));
        var settings = new RetentionSettings(TimeSpan.FromDays(30), BatchSize: 2, Pause: TimeSpan.FromSeconds(5), Interval: TimeSpan.FromHours(1));
        var purger = new RetentionPurger(store, settings, clock, NullLogger<RetentionPurger>.Instance);
        var progress = Channel.CreateUnbounded<int>();
        purger.BatchDone = n => progress.Writer.TryWrite(n);

        var sweep = purger.SweepAsync(CancellationToken.None);
        var seen = new List<int> { await progress.Reader.ReadAsync() };
        var leftAfterFirstBatch = await CountExistingAsync(store, old);
        while (!sweep.IsCompleted)
        {
            // The purger is waiting out its pause on the fake clock: nothing else happens until the clock moves.
            clock.Advance(settings.Pause);
            seen.Add(await progress.Reader.ReadAsync());
        }

        Assert.Equal(5, await sweep);
        Assert.Equal(3, leftAfterFirstBatch);
        Assert.Equal(2, seen[0]);
        Assert.Equal(5, seen[^1]);
        Assert.True(seen.Count >= 3, "5 instances in batches of 2 take at least 3 batches");
        Assert.Equal(0, await CountExistingAsync(store, old));
        Assert.Empty(await store.GetHistoryAsync(old[0]));
        Assert.NotNull(await store.GetInstanceAsync(recent, false));
        Assert.NotNull(await store.GetInstanceAsync(running, false));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.ApiGetAsync("/api/runs/" + old[0])).Status);
    }

    [Fact]
    public async Task Sweep_PurgedRun_DeletesItsWorkFolderAndNothingElse()
    {
        using var http = factory.CreateApiClient();
        var old = await http.StartRunAsync("calculate 40+2");
        await factory.CompletionAsync(old);
        var store = factory.Services.GetRequiredService<IOrchestrationStore>();
        var ended = (await store.GetInstanceAsync(old, false))!.CompletedAt!.Value;
        var kept = await http.StartRunAsync("calculate 1+1 then wait 1 hours");
        var root = Directory.CreateTempSubdirectory("agentflows-retention-").FullName;
        try
        {
            foreach (var path in new[] { $"runs/{old}/clean/round-1.csv", $"runs/{kept}/clean/round-1.csv", "samples/keep.csv" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
                await File.WriteAllTextAsync(Path.Combine(root, path), "a,b\n1,2\n");
            }

            var clock = new FakeTimeProvider(new DateTimeOffset(ended, TimeSpan.Zero) + TimeSpan.FromDays(31));
            var settings = new RetentionSettings(TimeSpan.FromDays(30), BatchSize: 100, Pause: TimeSpan.Zero, Interval: TimeSpan.FromHours(1));
            var purger = new RetentionPurger(store, settings, clock, NullLogger<RetentionPurger>.Instance, new Agents.Tools.Data.DataOptions { Root = root });

            Assert.True(await purger.SweepAsync(CancellationToken.None) >= 1);

            Assert.False(Directory.Exists(Path.Combine(root, "runs", old)));
            Assert.True(File.Exists(Path.Combine(root, "runs", kept, "clean", "round-1.csv")));
            Assert.True(File.Exists(Path.Combine(root, "samples", "keep.csv")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Load_MaxAgeZero_TurnsRetentionOff()
    {
        var settings = RetentionSettings.Load(Config(("MaxAgeDays", "0")));

        Assert.False(settings.Enabled);
    }

    [Fact]
    public void Load_Defaults_ThirtyDaysInBatchesOfAHundred()
    {
        var settings = RetentionSettings.Load(Config());

        Assert.Equal((TimeSpan.FromDays(30), 100, TimeSpan.FromSeconds(1)), (settings.MaxAge, settings.BatchSize, settings.Pause));
    }

    [Fact]
    public void Load_NegativeAge_StopsNamingTheSetting()
    {
        var ex = Assert.Throws<SettingsException>(() => RetentionSettings.Load(Config(("MaxAgeDays", "-1"))));

        Assert.Equal("AgentFlows__Retention__MaxAgeDays", ex.Setting);
    }

    private static async Task<int> CountExistingAsync(IOrchestrationStore store, List<string> ids)
    {
        var count = 0;
        foreach (var id in ids)
        {
            count += await store.GetInstanceAsync(id, false) is null ? 0 : 1;
        }

        return count;
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("AgentFlows:Retention:" + v.Key, v.Value))).Build();
}
