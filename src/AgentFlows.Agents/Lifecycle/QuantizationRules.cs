using System.Globalization;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>
/// Chooses a GGUF type by the rules of reference §4.3: walk the ladder from the largest type down, drop types whose
/// file + KV cache + 10 % overhead exceed the memory budget or whose perplexity loss (llama.cpp's table, Llama-3-8B)
/// exceeds the allowed increase, and take the first left; with no budget, Q4_K_M (the size/quality knee). The
/// accuracy floor gates on the candidate's own evaluation: below it nothing is shipped quantized.
/// </summary>
public static class QuantizationRules
{
    /// <summary>The ladder: type, bits per weight, perplexity increase over F16 at Llama-3-8B.</summary>
    public static readonly IReadOnlyList<(string Type, double Bpw, double PerplexityIncrease)> Ladder =
    [
        ("Q8_0", 8.50, 0.0026),
        ("Q6_K", 6.56, 0.0217),
        ("Q5_K_M", 5.70, 0.0569),
        ("Q5_K_S", 5.57, 0.1049),
        ("Q4_K_M", 4.89, 0.1754),
        ("Q4_K_S", 4.67, 0.2689),
        ("Q3_K_L", 4.30, 0.5562),
        ("Q3_K_M", 4.00, 0.6569),
        ("Q2_K", 3.16, 3.5199),
    ];

    /// <summary>Chooses a type.</summary>
    /// <param name="options">The budget, floor and model size.</param>
    /// <param name="evaluation">The evaluation, for the accuracy floor; null or not evaluated skips the gate (and says so).</param>
    /// <returns>The choice and why.</returns>
    public static QuantizationChoice Choose(QuantizationOptions options, EvaluationResult? evaluation)
    {
        ArgumentNullException.ThrowIfNull(options);
        string gate;
        if (evaluation is { Evaluated: true, Candidate: { } score })
        {
            if (score.ValidPlanRate < options.AccuracyFloor)
            {
                return new QuantizationChoice(null, Invariant($"the candidate's valid-plan rate {score.ValidPlanRate:0.###} is below the accuracy floor {options.AccuracyFloor:0.###}: no quantized build"));
            }

            gate = Invariant($"valid-plan rate {score.ValidPlanRate:0.###} ≥ floor {options.AccuracyFloor:0.###}");
        }
        else
        {
            gate = "accuracy floor not checked (the model was not evaluated); evaluate the quantized file before shipping";
        }

        if (options.MemoryBudgetGb <= 0)
        {
            return new QuantizationChoice("Q4_K_M", "no memory budget configured: Q4_K_M, the size/quality knee (ΔPPL +0.175 at Llama-3-8B); " + gate, SizeGb(options, 4.89));
        }

        foreach (var (type, bpw, ppl) in Ladder)
        {
            var size = SizeGb(options, bpw);
            var needed = (size * 1.1) + options.KvCacheGb;
            if (needed <= options.MemoryBudgetGb && ppl <= options.MaxPerplexityIncrease)
            {
                return new QuantizationChoice(type, Invariant(
                    $"largest type that fits: {options.ParametersBillions:0.#}B × {bpw} bpw ≈ {size:0.00} GB, + 10 % + KV {options.KvCacheGb:0.##} GB = {needed:0.00} GB ≤ budget {options.MemoryBudgetGb:0.##} GB; ΔPPL +{ppl} ≤ {options.MaxPerplexityIncrease}; {gate}"), size);
            }
        }

        return new QuantizationChoice(null, Invariant(
            $"no type fits {options.MemoryBudgetGb:0.##} GB within ΔPPL ≤ {options.MaxPerplexityIncrease}: reduce the KV cache (smaller context, q8_0 cache) or pick a smaller base model"));
    }

    private static double SizeGb(QuantizationOptions options, double bpw) => options.ParametersBillions * bpw / 8;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
