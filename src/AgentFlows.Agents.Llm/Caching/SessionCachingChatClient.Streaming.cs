using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Caching;

/// <content>Streaming: a hit is replayed as updates; a miss streams through and is stored once complete.</content>
public sealed partial class SessionCachingChatClient
{
    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Prepare(messages, options);
        if (await LookupAsync(call, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            foreach (var update in hit.ToResponse().ToChatResponseUpdates())
            {
                yield return update;
            }

            yield break;
        }

        var started = _time.GetTimestamp();
        var updates = new List<ChatResponseUpdate>();
        var stream = base.GetStreamingResponseAsync(call.Messages, call.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    await AuditCallAsync(call, null, started, ex, cancellationToken).ConfigureAwait(false);
                    throw;
                }

                updates.Add(stream.Current);
                yield return stream.Current;
            }
        }

        await CompleteAsync(call, updates.ToChatResponse(), started, cancellationToken).ConfigureAwait(false);
    }
}
