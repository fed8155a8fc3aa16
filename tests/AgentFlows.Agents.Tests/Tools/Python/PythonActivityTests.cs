using System.Text.Json.Nodes;
using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools.Python;

namespace AgentFlows.Agents.Tests.Tools.Python;

/// <summary>code.python for real: bubblewrap and Debian's Python, small limits so each test ends in seconds.</summary>
public sealed class PythonActivityTests : IDisposable
{
    private readonly TempDataFolder _data = new();
    private readonly SandboxOptions _options = new() { MemoryMb = 128, TimeoutSeconds = 15, MaxOutputBytes = 64 * 1024 };

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Run_Pandas_ReturnsOutputFilesUsageAndLimits()
    {
        _data.Write("in/sales.csv", "region,amount\nnorth,10\nsouth,32\n");
        var output = (await RunAsync("""
            import pandas as pd
            df = pd.read_csv("/data/in/sales.csv")
            df.to_csv("total.csv", index=False)
            print(int(df.amount.sum()))
            """, files: ["in/sales.csv"]))!.AsObject();

        Assert.Equal("42\n", output["stdout"]!.GetValue<string>());
        Assert.Equal(0, output["exitCode"]!.GetValue<int>());
        var file = Assert.Single(output["files"]!.AsArray())!;
        Assert.Equal("total.csv", file["path"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(_data.Root, "runs", "run-1", "s1", "python", "total.csv")));
        Assert.InRange(output["usage"]!["memoryMb"]!.GetValue<double>(), 1, 128);
        Assert.Equal(128, output["limits"]!["memoryMb"]!.GetValue<int>());
    }

    [Fact]
    public async Task Run_Code_IsNotRootAndHoldsNoCapability()
    {
        var output = await RunAsync("""
            import os
            status = dict(l.split(":", 1) for l in open("/proc/self/status"))
            print(os.getuid(), status["CapEff"].strip(), status["NoNewPrivs"].strip())
            """);

        var fields = output!["stdout"]!.GetValue<string>().Split(' ', StringSplitOptions.TrimEntries);
        Assert.NotEqual("0", fields[0]);
        Assert.Equal(["0000000000000000", "1"], fields[1..]);
    }

    [Fact]
    public async Task Run_OverTheMemoryLimit_FailsAsMemory()
    {
        var error = await Assert.ThrowsAsync<SandboxException>(() => RunAsync("x = bytearray(200 * 1024 * 1024)", memoryMb: 64));

        Assert.Equal(SandboxFailureKind.Memory, error.Failure.Kind);
        Assert.True(SandboxFailure.TryParse(error.Message, out var parsed));
        Assert.Equal((64, 2048), (parsed.MemoryMb, parsed.MaxMemoryMb));
        Assert.Contains("MemoryError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InfiniteLoop_StoppedAtTheTimeLimit()
    {
        var error = await Assert.ThrowsAsync<SandboxException>(() => RunAsync("while True:\n    pass", timeoutSeconds: 2));

        Assert.Equal(SandboxFailureKind.Time, error.Failure.Kind);
        Assert.StartsWith("[sandbox:time memoryMb=128/2048 timeoutSeconds=2/300]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Network_IsUnreachable()
    {
        var error = await Assert.ThrowsAsync<SandboxException>(() => RunAsync("""
            import socket
            socket.create_connection(("1.1.1.1", 53), timeout=2)
            """));

        Assert.Equal(SandboxFailureKind.Code, error.Failure.Kind);
        Assert.Contains("Network is unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WriteOutsideItsFolder_FailsAndLeavesNothing()
    {
        var outside = Path.Combine(_data.Root, "planted.txt");
        var error = await Assert.ThrowsAsync<SandboxException>(() => RunAsync($"open({Quote(outside)}, 'w').write('x')\nopen('/usr/planted.txt', 'w')"));

        Assert.Equal(SandboxFailureKind.Code, error.Failure.Kind);
        Assert.False(File.Exists(outside));
        Assert.False(File.Exists("/usr/planted.txt"));
    }

    [Fact]
    public async Task Run_ReadSecretOutsideTheSandbox_CannotSeeIt()
    {
        var secrets = Directory.CreateTempSubdirectory("agentflows-secret-");
        try
        {
            var secret = Path.Combine(secrets.FullName, "api-key.txt");
            await File.WriteAllTextAsync(secret, "s3cr3t-value");
            var error = await Assert.ThrowsAsync<SandboxException>(() => RunAsync($"print(open({Quote(secret)}).read())"));

            Assert.Equal(SandboxFailureKind.Code, error.Failure.Kind);
            Assert.Contains("FileNotFoundError", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t-value", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            secrets.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_OutputOverTheCap_IsCutAndClassified()
    {
        var error = await Assert.ThrowsAsync<SandboxException>(() => RunAsync("import sys\nwhile True:\n    sys.stdout.write('x' * 4096)"));

        Assert.Equal(SandboxFailureKind.Output, error.Failure.Kind);
        Assert.Contains("65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ManyProcesses_StoppedByTheProcessLimit()
    {
        _options.MaxProcesses = 4;
        var error = await Assert.ThrowsAsync<SandboxException>(() => RunAsync("""
            import os, time
            for _ in range(10):
                if os.fork() == 0:
                    time.sleep(1)
                    os._exit(0)
            """));

        Assert.Equal(SandboxFailureKind.Code, error.Failure.Kind);
        Assert.Contains("Resource temporarily unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Crash_ClassifiedAsCrash()
    {
        var error = await Assert.ThrowsAsync<SandboxException>(() => RunAsync("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)"));

        Assert.Equal(SandboxFailureKind.Crash, error.Failure.Kind);
        Assert.Contains("signal 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutBubblewrap_FailsNamingTheBinaryAndPackage()
    {
        _options.BwrapPath = "/nonexistent/bwrap";
        var error = await Assert.ThrowsAsync<NonRetriableException>(() => RunAsync("print(1)"));

        Assert.Contains("'/nonexistent/bwrap' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install bubblewrap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FileOutsideTheDataFolder_IsRefused()
    {
        var error = await Assert.ThrowsAsync<Agents.Tools.Data.DataException>(() => RunAsync("print(1)", files: ["../etc/passwd"]));

        Assert.Contains("outside the data folder", error.Message, StringComparison.Ordinal);
    }

    private Task<JsonNode?> RunAsync(string code, int? memoryMb = null, int? timeoutSeconds = null, string[]? files = null)
    {
        var args = new JsonObject { ["code"] = code };
        if (memoryMb is { } m)
        {
            args["memoryMb"] = m;
        }

        if (timeoutSeconds is { } t)
        {
            args["timeoutSeconds"] = t;
        }

        if (files is not null)
        {
            args["files"] = new JsonArray([.. files.Select(f => (JsonNode)f)]);
        }

        return Activities.RunAsync(new PythonActivity(_options, _data.Options), args.ToJsonString(), runId: "run-1", stepId: "s1");
    }

    private static string Quote(string path) => System.Text.Json.JsonSerializer.Serialize(path);
}
