using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Tools.Llm;

/// <summary>The <c>llm.summarize</c> tool.</summary>
public sealed class LlmSummarizeActivity : LlmActivity
{
    /// <summary>Initializes a new instance of the <see cref="LlmSummarizeActivity"/> class.</summary>
    /// <param name="chat">The chat client, or null when no LLM is configured.</param>
    public LlmSummarizeActivity(IChatClient? chat)
        : base(ToolNames.LlmSummarize, chat)
    {
    }

    /// <inheritdoc/>
    protected override Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var limit = invocation.Args["maxWords"] is { } max ? $" in at most {(int)JsonNumber.Get(max)} words" : "";
        var system = $"Summarize the text the user gives{limit}. Answer with the summary only, in the language of the text.";
        return AskAsync(invocation, system, TextOf(invocation.Args["text"]), cancellationToken);
    }
}

/// <summary>The <c>llm.write</c> tool.</summary>
public sealed class LlmWriteActivity : LlmActivity
{
    /// <summary>Initializes a new instance of the <see cref="LlmWriteActivity"/> class.</summary>
    /// <param name="chat">The chat client, or null when no LLM is configured.</param>
    public LlmWriteActivity(IChatClient? chat)
        : base(ToolNames.LlmWrite, chat)
    {
    }

    /// <inheritdoc/>
    protected override Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var context = invocation.Args["context"] is { } c ? $"\n\nMaterial to draw on:\n{TextOf(c)}" : "";
        return AskAsync(invocation, "Write what the user asks for. Answer with the text only.", TextOf(invocation.Args["instructions"]) + context, cancellationToken);
    }
}
