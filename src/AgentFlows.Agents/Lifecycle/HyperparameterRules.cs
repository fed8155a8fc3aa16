using System.Globalization;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>
/// Derives hyperparameters from the dataset size (the documented rules below), then applies overrides.
/// </summary>
/// <remarks>
/// Epochs: aim at about 3 000 training passes over examples, clamped to 1..10 (small sets need more epochs, large ones
/// fewer; OpenAI's default is 3 at around 1 000 examples). Batch size: about 0.2 % of the examples, clamped to 1..32,
/// rounded down to a power of two. Learning-rate multiplier: 0.1 up to 1 000 examples, 0.05 up to 10 000, else 0.02
/// (Azure suggests 0.02–0.2; larger sets tolerate smaller steps).
/// </remarks>
public static class HyperparameterRules
{
    /// <summary>Derives the hyperparameters.</summary>
    /// <param name="trainExamples">Training examples.</param>
    /// <param name="overrides">Overrides, or null.</param>
    /// <returns>The hyperparameters and the rules applied.</returns>
    public static Hyperparameters Derive(int trainExamples, HyperparameterOverrides? overrides = null)
    {
        var n = Math.Max(trainExamples, 1);
        var epochs = Math.Clamp((int)Math.Round(3000.0 / n), 1, 10);
        var batch = Math.Clamp((int)Math.Pow(2, Math.Floor(Math.Log2(Math.Max(n * 0.002, 1)))), 1, 32);
        var lr = n <= 1000 ? 0.1 : n <= 10_000 ? 0.05 : 0.02;
        var reason = string.Create(CultureInfo.InvariantCulture, $"{n} training examples: epochs = clamp(round(3000/n), 1, 10) = {epochs}; batch = pow2(0.2% of n) in 1..32 = {batch}; lr multiplier = {lr}");
        var overridden = new List<string>();
        if (overrides?.Epochs is { } e)
        {
            epochs = e;
            overridden.Add("epochs");
        }

        if (overrides?.BatchSize is { } b)
        {
            batch = b;
            overridden.Add("batch size");
        }

        if (overrides?.LearningRateMultiplier is { } l)
        {
            lr = l;
            overridden.Add("learning-rate multiplier");
        }

        if (overridden.Count > 0)
        {
            reason += "; overridden by settings: " + string.Join(", ", overridden);
        }

        return new Hyperparameters(epochs, batch, lr, reason);
    }
}
