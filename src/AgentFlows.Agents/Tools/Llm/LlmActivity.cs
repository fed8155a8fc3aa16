using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Tools.Llm;

/// <summary>
/// The base of the LLM text tools. They run only as activities, never in orchestrator code, and fail without
/// retries when no chat client is configured. Token accounting belongs in a chat-client decorator, not here.
/// </summary>
public abstract class LlmActivity : ToolActivity
{
    private readonly IChatClient? _chat;

    /// <summary>Initializes a new instance of the <see cref="LlmActivity"/> class.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="chat">The chat client, or null when no LLM is configured.</param>
    protected LlmActivity(string tool, IChatClient? chat)
        : base(ToolRegistry.Default.Get(tool)) => _chat = chat;

    /// <summary>Asks the model and returns its text.</summary>
    /// <param name="invocation">The call: its tenant and run go with the request.</param>
    /// <param name="system">The system instructions.</param>
    /// <param name="user">The user message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer as a JSON string.</returns>
    /// <exception cref="NonRetriableException">No LLM is configured.</exception>
    protected async Task<JsonNode?> AskAsync(ToolInvocation invocation, string system, string user, CancellationToken cancellationToken)
    {
        var chat = _chat ?? throw new NonRetriableException($"Tool '{Tool.Name}' needs an LLM, and no LLM is configured (set AgentFlows__Llm__Endpoint, AgentFlows__Llm__ApiKey and AgentFlows__Llm__Model).");
        ChatMessage[] messages = [new(ChatRole.System, system), new(ChatRole.User, user)];
        // Tenant and run travel with the call, so budgets, usage and the audit trail are kept per run and tenant.
        var options = new Planning.Llm.LlmPlanningContext(invocation.Tenant, SessionId: null, RunId: invocation.RunId).ApplyTo(new ChatOptions());
        var response = await chat.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);

        // An empty answer is usually a transient model fault (filtering, truncation), so it is worth a retry.
        return string.IsNullOrWhiteSpace(response.Text)
            ? throw new InvalidOperationException($"The LLM returned no text for tool '{Tool.Name}'.")
            : JsonValue.Create(response.Text.Trim());
    }

    /// <summary>Gives the text of any JSON argument: a string as is, anything else as JSON.</summary>
    /// <param name="node">The argument.</param>
    /// <returns>The text.</returns>
    protected static string TextOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "";
}
