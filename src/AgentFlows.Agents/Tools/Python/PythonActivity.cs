using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>
/// The <c>code.python</c> tool: runs the code in the sandbox, in a folder of its own under the data folder
/// (<c>runs/&lt;runId&gt;/&lt;stepId&gt;/</c>), with the named input files under <c>/data</c>. A bad end is a
/// <see cref="SandboxException"/> whose message carries the failure class (see <see cref="SandboxFailure"/>).
/// </summary>
/// <param name="options">The sandbox options; defaults when null.</param>
/// <param name="data">The data folder; without one the code gets a temporary folder and no input files.</param>
/// <param name="time">The clock of the wall-clock limit.</param>
public sealed partial class PythonActivity(SandboxOptions? options, DataOptions? data, TimeProvider? time = null)
    : ToolActivity(ToolRegistry.Default.Get(ToolNames.CodePython))
{
    private readonly PythonSandbox _sandbox = new(options ?? new SandboxOptions(), time);
    private readonly DataFolder _folder = new(data ?? new DataOptions());

    /// <inheritdoc/>
    protected override async Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        _sandbox.EnsureInstalled();
        var args = invocation.Args;
        var limits = SandboxLimits.For(_sandbox.Options, IntArg(args["memoryMb"]), IntArg(args["timeoutSeconds"]));
        var inputs = (args["files"]?.AsArray() ?? []).Select(f => Input(f!.GetValue<string>())).ToList();
        var work = WorkFolder(invocation);
        var run = await _sandbox.RunAsync(args["code"]!.GetValue<string>(), work, inputs, limits, cancellationToken).ConfigureAwait(false);
        Judge(run, limits);
        return new JsonObject
        {
            ["stdout"] = run.Stdout,
            ["stderr"] = run.Stderr,
            ["exitCode"] = run.ExitCode,
            ["files"] = FilesIn(work),
            ["usage"] = new JsonObject
            {
                ["memoryMb"] = Math.Round(run.MaxRssKb / 1024.0, 1),
                ["cpuSeconds"] = Math.Round(run.CpuSeconds, 3),
                ["wallSeconds"] = run.WallSeconds,
            },
            ["limits"] = limits.ToJson(),
        };
    }

    private static int? IntArg(JsonNode? node) => node is null ? null : (int)JsonNumber.Get(node);

    private SandboxInput Input(string path)
    {
        var full = _folder.ResolveExisting(path);
        return new SandboxInput(full, _folder.Relative(full));
    }
}
