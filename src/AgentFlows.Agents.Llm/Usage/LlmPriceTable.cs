namespace AgentFlows.Agents.Llm.Usage;

/// <summary>Finds a model's price: the exact name, else the longest configured name the model starts with.</summary>
/// <remarks>Providers answer with dated names (<c>gpt-4o-mini-2024-07-18</c>) for the names callers configure (<c>gpt-4o-mini</c>).</remarks>
internal sealed class LlmPriceTable(IReadOnlyDictionary<string, LlmPrice> prices)
{
    /// <summary>Finds the price.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The price, or null when the table does not list the model.</returns>
    public LlmPrice? Find(string? model)
    {
        if (model is null)
        {
            return null;
        }

        if (prices.TryGetValue(model, out var exact))
        {
            return exact;
        }

        return prices
            .Where(p => model.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Key.Length)
            .Select(p => p.Value)
            .FirstOrDefault();
    }

    /// <summary>Prices a call.</summary>
    /// <param name="model">The model.</param>
    /// <param name="input">Input tokens.</param>
    /// <param name="cached">Cached input tokens.</param>
    /// <param name="output">Output tokens.</param>
    /// <returns>The cost in USD; zero for an unlisted model.</returns>
    public decimal Cost(string? model, long input, long cached, long output) => Find(model)?.Cost(input, cached, output) ?? 0m;
}
