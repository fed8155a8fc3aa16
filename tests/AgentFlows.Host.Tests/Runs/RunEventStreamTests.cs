namespace AgentFlows.Host.Tests.Runs;

/// <summary><c>GET /api/runs/{id}/events</c>: every event once, in order, live until the run ends, resumable without gaps.</summary>
public sealed class RunEventStreamTests(AgentFlowsFactory factory) : IClassFixture<AgentFlowsFactory>
{
    private const string Prompt = "calculate 1+1 then wait 1 seconds then calculate {step_1_output} * 10";
    private readonly HttpClient _http = factory.CreateApiClient();

    [Fact]
    public async Task Events_NdjsonFromStart_EveryEventOnceInOrderThroughRunCompleted()
    {
        var runId = await _http.StartRunAsync(Prompt);

        var live = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events");

        AssertStrictlyIncreasing(live.Select(e => e.Seq()));
        Assert.Equal("run.started", live[0].Type());
        Assert.Equal("run.completed", live[^1].Type());
        Assert.Equal(20, live[^1]["data"]!["result"]!.GetValue<double>());
        Assert.Equal(3, live.Count(e => e.Type() == "step.started"));
        Assert.Equal(3, live.Count(e => e.Type() == "step.completed"));
        var replay = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events");
        Assert.Equal(live.Select(e => e.ToJsonString()), replay.Select(e => e.ToJsonString()));
    }

    [Fact]
    public async Task Events_Sse_FramesCarrySeqAsIdAndTypeAsEvent()
    {
        var runId = await _http.StartRunAsync(Prompt);

        var frames = await EventStreams.ReadSseAsync(_http, $"/api/runs/{runId}/events");

        Assert.All(frames, f => Assert.Equal(f.Id, f.Data.Seq()));
        Assert.All(frames, f => Assert.Equal(f.Event, f.Data.Type()));
        AssertStrictlyIncreasing(frames.Select(f => f.Id));
        Assert.Equal("run.completed", frames[^1].Event);
        var ndjson = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events");
        Assert.Equal(ndjson.Select(e => e.ToJsonString()), frames.Select(f => f.Data.ToJsonString()));
    }

    [Fact]
    public async Task Events_ReconnectWithLastEventIdMidRun_NoGapNoDuplicate()
    {
        var runId = await _http.StartRunAsync(Prompt);

        var first = await EventStreams.ReadSseAsync(_http, $"/api/runs/{runId}/events", stopAfter: f => f.Event == "step.started" && f.Data["stepId"]?.GetValue<string>() == "step_2");
        var rest = await EventStreams.ReadSseAsync(_http, $"/api/runs/{runId}/events", lastEventId: first[^1].Id);

        var seen = first.Concat(rest).Select(f => f.Data.ToJsonString()).ToList();
        var all = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events");
        Assert.Equal(all.Select(e => e.ToJsonString()), seen);
        Assert.Equal("run.completed", rest[^1].Event);
    }

    [Fact]
    public async Task Events_AfterQueryOnEndedRun_ReturnsOnlyLaterEventsAndEnds()
    {
        var runId = await _http.StartRunAsync("calculate 3+4 then calculate {step_1_output} + 1");
        await factory.CompletionAsync(runId);
        var all = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events");

        var cut = all[2].Seq();
        var after = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events?after={cut}");
        var lastHeaderWins = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events?after=0", lastEventId: cut);

        Assert.Equal(all.Skip(3).Select(e => e.ToJsonString()), after.Select(e => e.ToJsonString()));
        Assert.Equal(after.Select(e => e.ToJsonString()), lastHeaderWins.Select(e => e.ToJsonString()));
        Assert.Empty(await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events?after={all[^1].Seq()}"));
    }

    [Fact]
    public async Task Events_FailedAndRewoundRun_StreamShowsFailureThenRewindAfterReconnect()
    {
        var title = "stream-" + Guid.NewGuid().ToString("N")[..8];
        var runId = await _http.StartRunAsync($"calculate 1+1 then complete todo \"{title}\"");
        var failed = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events");
        Assert.Equal("run.failed", failed[^1].Type());

        await _http.ApiPostAsync("/api/todos", new JsonObject { ["title"] = title }.ToJsonString());
        await _http.ApiPostAsync($"/api/runs/{runId}/rewind", null);
        await factory.UntilAsync(runId, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        var resumed = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events", lastEventId: failed[^1].Seq());

        Assert.Equal("run.rewound", resumed[0].Type());
        Assert.Equal("run.completed", resumed[^1].Type());
        var all = await EventStreams.ReadNdjsonAsync(_http, $"/api/runs/{runId}/events");
        Assert.Equal(all.Select(e => e.ToJsonString()), failed.Concat(resumed).Select(e => e.ToJsonString()));
    }

    private static void AssertStrictlyIncreasing(IEnumerable<long> seqs)
    {
        var list = seqs.ToList();
        Assert.NotEmpty(list);
        Assert.All(list.Zip(list.Skip(1)), p => Assert.True(p.First < p.Second, $"{p.First} is not before {p.Second}"));
    }
}
