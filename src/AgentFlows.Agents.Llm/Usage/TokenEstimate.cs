using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Usage;

/// <summary>
/// A rough token count before a call, for budget checks: about four characters per token plus a few per message,
/// and the requested output limit. Real counts replace it when the answer arrives.
/// </summary>
internal static class TokenEstimate
{
    /// <summary>Estimates the input tokens of a request.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The options.</param>
    /// <returns>The estimate.</returns>
    public static long Input(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        long characters = options?.Instructions?.Length ?? 0;
        long count = 0;
        foreach (var message in messages)
        {
            characters += message.Text.Length;
            count++;
        }

        return (characters + 3) / 4 + 4 * count;
    }

    /// <summary>Estimates the output tokens: the requested limit, else nothing (unknown until it arrives).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The estimate.</returns>
    public static long Output(ChatOptions? options) => options?.MaxOutputTokens ?? 0;
}
