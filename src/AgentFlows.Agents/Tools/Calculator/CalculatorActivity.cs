using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;

namespace AgentFlows.Agents.Tools.Calculator;

/// <summary>The <c>calculator</c> tool: evaluates <c>expression</c> (a number, e.g. from a reference, passes through).</summary>
public sealed class CalculatorActivity : ToolActivity
{
    /// <summary>Initializes a new instance of the <see cref="CalculatorActivity"/> class.</summary>
    public CalculatorActivity()
        : base(ToolRegistry.Default.Get(ToolNames.Calculator))
    {
    }

    /// <inheritdoc/>
    protected override Task<JsonNode?> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var expression = invocation.Args["expression"]!;
        var value = expression.GetValueKind() == JsonValueKind.Number
            ? JsonNumber.Get(expression)
            : Calculator.Evaluate(expression.GetValue<string>());
        return Task.FromResult(JsonNumber.Create(value));
    }
}
