using AgentFlows.Agents.Planning.Llm;
using AgentFlows.Agents.Runs;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>
/// Asks the LLM to repair Python code that failed with its own error. The call goes through the configured chat
/// client (the audited gateway) with the run's tenant and id, so it is budgeted and shows in the run's audit trail.
/// Never throws for a missing LLM, an exhausted repair budget or a failed call: the run decides what follows.
/// </summary>
/// <param name="chat">The chat client, or null when no LLM is configured.</param>
/// <param name="options">The sandbox options (<see cref="SandboxOptions.MaxRepairs"/>).</param>
public sealed class CodeRepairActivity(IChatClient? chat, SandboxOptions? options) : TaskActivity<CodeRepairRequest, CodeRepairOutcome>
{
    private const string System = """
        You repair Python 3.11 programs that failed in a sandbox: no network, the current directory is the only writable
        place, input files are under /data, pandas and numpy are installed. Answer with the complete corrected program
        only: no explanation, no Markdown fences.
        """;

    /// <inheritdoc/>
    public override async Task<CodeRepairOutcome> RunAsync(TaskActivityContext context, CodeRepairRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var max = (options ?? new SandboxOptions()).MaxRepairs;
        if (chat is null)
        {
            return new CodeRepairOutcome("noLlm", Detail: "no LLM is configured to repair the code");
        }

        if (input.Repair > max)
        {
            return new CodeRepairOutcome("limitReached", Detail: $"the code was repaired {max} time(s) and still fails");
        }

        var user = $"The program:\n{input.Code}\n\nIt failed with:\n{input.Error}";
        var chatOptions = new LlmPlanningContext(input.Tenant, SessionId: null, RunId: context.InstanceId).ApplyTo(new ChatOptions());
        try
        {
            var response = await chat.GetResponseAsync([new(ChatRole.System, System), new(ChatRole.User, user)], chatOptions, context.CancellationToken).ConfigureAwait(false);
            var code = StripFences(response.Text);
            return code.Length == 0 ? new CodeRepairOutcome("failed", Detail: "the LLM answered with no code") : new CodeRepairOutcome("repaired", code);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The gateway already retried what is worth retrying; the step's own failure stays the one to report.
            return new CodeRepairOutcome("failed", Detail: "the LLM call failed: " + ex.Message);
        }
    }

    // Models often wrap code in ```python fences despite being told not to.
    private static string StripFences(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var body = firstLine < 0 ? "" : trimmed[(firstLine + 1)..];
        var end = body.LastIndexOf("```", StringComparison.Ordinal);
        return (end < 0 ? body : body[..end]).Trim();
    }
}
