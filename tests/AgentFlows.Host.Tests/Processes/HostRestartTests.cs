namespace AgentFlows.Host.Tests.Processes;

/// <summary>The host as a real process, killed with SIGKILL mid-run and restarted on the same database.</summary>
public sealed class HostRestartTests : IDisposable
{
    private readonly TempContentRoot _root = new();

    [Fact]
    public async Task EventStream_HostKilledMidRunAndRestarted_ClientSeesEveryEventExactlyOnce()
    {
        string runId;
        var seen = new List<JsonObject>();
        await using (var first = await HostProcess.StartAsync(_root.Path))
        {
            using var http = first.CreateClient(TestTimeouts.Request);
            runId = await http.StartRunAsync("calculate 1+1 then wait 2 seconds then calculate {step_1_output} + 40");
            using var stream = await NdjsonConnection.OpenAsync(http, $"/api/runs/{runId}/events");
            while (await stream.NextAsync() is { } e)
            {
                seen.Add(e);
                if (e.Type() == "step.started" && e["stepId"]?.GetValue<string>() == "step_2")
                {
                    break;
                }
            }

            // Killed while the client's stream is open and the run waits on its durable timer.
            await first.KillAsync();
            while (await stream.NextAsync() is { } late)
            {
                seen.Add(late);
            }
        }

        Assert.DoesNotContain(seen, e => e.Type() == "run.completed");
        await using var second = await HostProcess.StartAsync(_root.Path);
        using var client = second.CreateClient(TestTimeouts.Request);
        seen.AddRange(await EventStreams.ReadNdjsonAsync(client, $"/api/runs/{runId}/events", lastEventId: seen[^1].Seq()));

        Assert.Equal(seen.Count, seen.Select(e => e.Seq()).Distinct().Count());
        Assert.All(seen.Zip(seen.Skip(1)), p => Assert.True(p.First.Seq() < p.Second.Seq()));
        Assert.Equal("run.completed", seen[^1].Type());
        Assert.Equal(42, seen[^1]["data"]!["result"]!.GetValue<double>());
        Assert.Equal(3, seen.Count(e => e.Type() == "step.completed"));
        var full = await EventStreams.ReadNdjsonAsync(client, $"/api/runs/{runId}/events");
        Assert.Equal(full.Select(e => e.ToJsonString()), seen.Select(e => e.ToJsonString()));
    }

    public void Dispose() => _root.Dispose();
}
