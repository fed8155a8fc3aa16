using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Usage;

/// <summary>
/// Counts tokens and estimated cost per run and tenant, and refuses a call that would go over a budget with
/// <see cref="LlmBudgetExceededException"/> before it reaches the provider.
/// </summary>
/// <remarks>The answer's <see cref="ChatResponse.AdditionalProperties"/> carry the call's cost under <see cref="CostProperty"/>.</remarks>
public sealed class UsageTrackingChatClient : DelegatingChatClient
{
    /// <summary>The key of the call's estimated cost (USD, decimal) in the answer's additional properties.</summary>
    public const string CostProperty = "agentflows.costUsd";

    private readonly LlmUsageLedger _ledger;
    private readonly string _defaultModel;

    /// <summary>Initializes a new instance of the <see cref="UsageTrackingChatClient"/> class.</summary>
    /// <param name="inner">The client that calls the provider.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="defaultModel">The model when a call names none.</param>
    public UsageTrackingChatClient(IChatClient inner, LlmUsageLedger ledger, string defaultModel)
        : base(inner)
    {
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _defaultModel = defaultModel ?? throw new ArgumentNullException(nameof(defaultModel));
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var reservation = Reserve(list, options);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _ledger.Release(reservation);
            throw;
        }

        var used = _ledger.Commit(reservation, response.ModelId, response.Usage);
        (response.AdditionalProperties ??= [])[CostProperty] = used.CostUsd;
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var reservation = Reserve(list, options);
        UsageDetails? usage = null;
        string? model = null;
        var completed = false;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
            {
                model ??= update.ModelId;
                foreach (var content in update.Contents.OfType<UsageContent>())
                {
                    (usage ??= new UsageDetails()).Add(content.Details);
                }

                yield return update;
            }

            completed = true;
        }
        finally
        {
            if (completed)
            {
                _ledger.Commit(reservation, model, usage);
            }
            else
            {
                _ledger.Release(reservation);
            }
        }
    }

    private LlmReservation Reserve(IReadOnlyList<ChatMessage> messages, ChatOptions? options) =>
        _ledger.Reserve(LlmCallContext.From(options), options?.ModelId ?? _defaultModel, TokenEstimate.Input(messages, options), TokenEstimate.Output(options));
}
