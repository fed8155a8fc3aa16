using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Schema;
using AgentFlows.Agents.Tools.Usage;

namespace AgentFlows.Agents.Tools;

/// <summary>
/// The base of every tool activity: it checks the resolved arguments against the tool's schema (a mismatch is
/// non-retriable) and then runs the tool. Every call is counted here (calls, errors, latency, in <see cref="Usage"/>
/// and <see cref="ToolTelemetry"/>), so a tool that derives from this class is counted without doing anything.
/// </summary>
public abstract class ToolActivity : TaskActivity<ToolInvocation, JsonNode?>
{
    /// <summary>Initializes a new instance of the <see cref="ToolActivity"/> class.</summary>
    /// <param name="tool">The tool this activity runs.</param>
    protected ToolActivity(ToolDescriptor tool) => Tool = tool ?? throw new ArgumentNullException(nameof(tool));

    /// <summary>Gets the tool this activity runs.</summary>
    public ToolDescriptor Tool { get; }

    /// <summary>Gets the cache of pure-tool results; used only when <see cref="ToolDescriptor.Pure"/> is set.</summary>
    public Caching.PureToolCache? Cache { get; init; }

    /// <summary>Gets where this activity's calls are counted; the process-wide <see cref="ToolUsage.Shared"/> unless set.</summary>
    public ToolUsage Usage { get; init; } = ToolUsage.Shared;

    /// <inheritdoc/>
    public sealed override async Task<JsonNode?> RunAsync(TaskActivityContext context, ToolInvocation input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            var output = await RunCheckedAsync(context, input).ConfigureAwait(false);
            failed = false;
            return output;
        }
        finally
        {
            // A rejected argument or a cancelled call is a failed call too: the caller's step failed.
            var elapsed = Stopwatch.GetElapsedTime(started);
            Usage.Record(Tool.Name, elapsed, failed);
            ToolTelemetry.Record(Tool.Name, elapsed, failed);
        }
    }

    /// <summary>Runs the tool with arguments that match its schema.</summary>
    /// <param name="invocation">The invocation.</param>
    /// <param name="cancellationToken">Signalled when the host is stopping.</param>
    /// <returns>The tool's output.</returns>
    protected abstract Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken);

    private async Task<JsonNode?> RunCheckedAsync(TaskActivityContext context, ToolInvocation input)
    {
        if (input is null)
        {
            throw new NonRetriableException($"Tool '{Tool.Name}' was called without input.");
        }

        var faults = ArgumentSchemaValidator.Validate(input.Args, Tool.ArgsSchema, allowReferences: false);
        if (faults.Count > 0)
        {
            throw new NonRetriableException($"Invalid arguments for tool '{Tool.Name}': {string.Join("; ", faults)}.");
        }

        var key = Cache is null ? null : Caching.PureToolCache.KeyOf(Tool, input.Args);
        if (key is not null && Cache!.TryGet(key, out var cached))
        {
            return cached;
        }

        var output = await ExecuteAsync(input, context.CancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            Cache!.Set(key, output);
        }

        return output;
    }
}
