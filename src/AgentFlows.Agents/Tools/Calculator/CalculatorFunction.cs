namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>A function the calculator knows, with its arity and its domain checks.</summary>
/// <param name="Name">The name.</param>
/// <param name="MinArgs">The fewest arguments.</param>
/// <param name="MaxArgs">The most arguments.</param>
/// <param name="Body">Computes the value; throws <see cref="CalculatorException"/> outside the domain.</param>
internal sealed record CalculatorFunction(string Name, int MinArgs, int MaxArgs, Func<double[], int, double> Body)
{
    public double Invoke(double[] args, int position)
    {
        var result = Body(args, position);
        if (double.IsNaN(result))
        {
            throw new CalculatorException($"{Name} is undefined for {string.Join(", ", args.Select(Calculator.Format))}", position);
        }

        return double.IsInfinity(result) ? throw new CalculatorException($"{Name}({string.Join(", ", args.Select(Calculator.Format))}) is too large", position) : result;
    }

    public string Signature => MinArgs == MaxArgs ? $"{Name}(x)" : $"{Name}(x[, {(Name == "log" ? "base" : "digits")}])";
}
