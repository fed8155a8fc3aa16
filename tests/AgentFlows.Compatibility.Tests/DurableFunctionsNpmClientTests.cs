using System.Diagnostics;
using System.Text.Json;

namespace AgentFlows.Compatibility.Tests;

/// <summary>
/// The npm package durable-functions (v3), the official JavaScript DurableClient, pointed at AgentFlows' management
/// API in its rpcBaseUrl mode: start, status, list, raise event, terminate, suspend, resume, rewind and purge.
/// </summary>
public sealed class DurableFunctionsNpmClientTests
{
    private static readonly string _nodeDir = Path.Combine(AppContext.BaseDirectory, "node");

    [Fact]
    public async Task DurableClient_EveryManagementOperation_WorksUnchanged()
    {
        Assert.True(Directory.Exists(Path.Combine(_nodeDir, "node_modules", "durable-functions")),
            $"The durable-functions npm package is not installed: run `npm ci` in tests/AgentFlows.Compatibility.Tests/node (.ci/run does).");
        await using var host = await CompatibilityHost.StartAsync();
        var result = await RunNodeAsync(host.BaseUrl + "/runtime/webhooks/durabletask/", host.BaseUrl + "/test/fix");
        var root = result.RootElement;

        Assert.Equal("Completed", root.GetProperty("start").GetProperty("status").GetString());
        Assert.Equal(["Hello Oslo!", "Hello Lima!"], root.GetProperty("start").GetProperty("output").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Oslo", "Lima"], root.GetProperty("start").GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Suspended", root.GetProperty("suspended").GetString());
        Assert.Equal("approved by npm", root.GetProperty("raiseEvent").GetProperty("output").GetString());
        Assert.Equal("Terminated", root.GetProperty("terminate").GetProperty("status").GetString());
        Assert.Equal("not needed", root.GetProperty("terminate").GetProperty("output").GetString());
        Assert.Equal("Completed", root.GetProperty("rewind").GetProperty("status").GetString());
        Assert.Equal(42, root.GetProperty("rewind").GetProperty("output").GetInt32());
        var listed = root.GetProperty("list").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("npm-approval", listed);
        Assert.Contains("npm-terminate", listed);
        Assert.Contains("npm-rewind", listed);
        Assert.DoesNotContain("npm-terminate", root.GetProperty("listCompleted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, root.GetProperty("purge").GetInt32());
        Assert.Equal(0, root.GetProperty("purgeMissing").GetInt32());
        Assert.Equal("error", root.GetProperty("statusMissing").GetString());
    }

    private static async Task<JsonDocument> RunNodeAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = _nodeDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("drive.js");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node drive.js failed ({process.ExitCode}): {await stderr}");
        return JsonDocument.Parse(await stdout);
    }
}
