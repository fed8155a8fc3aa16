using AgentFlows.Agents.Tools.Calculator;

namespace AgentFlows.Agents.Tests.Tools.Calculator;

public sealed class CalculatorTests
{
    [Theory]
    [InlineData("sqrt(16) + 2^3", 12)]
    [InlineData("sin(30 deg)", 0.5)]
    [InlineData("sin(30°)", 0.5)]
    [InlineData("cos(60 deg)", 0.5)]
    [InlineData("cos(90 deg)", 0)]
    [InlineData("sin(180 deg)", 0)]
    [InlineData("tan(45 deg)", 1)]
    [InlineData("sin(pi / 2)", 1)]
    [InlineData("sin(1.5707963267948966 rad)", 1)]
    [InlineData("pi * 3^2", 28.2743338823)]
    [InlineData("log(100)", 2)]
    [InlineData("log(8, 2)", 3)]
    [InlineData("ln(e)", 1)]
    [InlineData("exp(0)", 1)]
    [InlineData("2^3^2", 512)]
    [InlineData("-2^2", -4)]
    [InlineData("2^-1", 0.5)]
    [InlineData("(-2)^2", 4)]
    [InlineData("--3", 3)]
    [InlineData("+3", 3)]
    [InlineData("10 % 3", 1)]
    [InlineData("-7 % 3", -1)]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("8 / 4 / 2", 1)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("0.1 + 0.2", 0.3)]
    [InlineData("0.1 + 0.2 - 0.3", 0)]
    [InlineData("abs(-3.5)", 3.5)]
    [InlineData("round(2.5)", 3)]
    [InlineData("round(-2.5)", -3)]
    [InlineData("round(2.345, 2)", 2.35)]
    [InlineData("floor(-1.5)", -2)]
    [InlineData("ceil(1.2)", 2)]
    [InlineData("asin(1)", 1.57079632679)]
    [InlineData("acos(1)", 0)]
    [InlineData("atan(1) * 4", 3.14159265359)]
    [InlineData("2 × 3 − 1 ÷ 2", 5.5)]
    [InlineData("2 ** 10", 1024)]
    [InlineData("1.5e3 + .5", 1500.5)]
    [InlineData("SQRT(4) + PI - pi", 2)]
    [InlineData("[2 + 3] * 2", 10)]
    [InlineData("tau / pi", 2)]
    public void Evaluate_ValidExpression_ReturnsValue(string expression, double expected)
    {
        Assert.Equal(expected, Agents.Tools.Calculator.Calculator.Evaluate(expression), 10);
    }

    [Fact]
    public void Evaluate_Sin30Degrees_IsExactlyOneHalf()
    {
        Assert.Equal(0.5, Agents.Tools.Calculator.Calculator.Evaluate("sin(30 deg)"));
    }

    [Theory]
    [InlineData("1/0", "division by zero", 2)]
    [InlineData("5 % 0", "division by zero", 3)]
    [InlineData("0^-1", "division by zero", 2)]
    [InlineData("sqrt(-1)", "sqrt is undefined", 1)]
    [InlineData("log(0)", "log is undefined", 1)]
    [InlineData("ln(-2)", "ln is undefined", 1)]
    [InlineData("log(8, 1)", "log base", 1)]
    [InlineData("asin(2)", "asin is undefined", 1)]
    [InlineData("tan(90 deg)", "tan is undefined", 1)]
    [InlineData("(-8)^(1/3)", "not a real number", 5)]
    [InlineData("exp(1000)", "too large", 1)]
    [InlineData("10^400", "too large", 3)]
    [InlineData("foo(2)", "unknown name 'foo'", 1)]
    [InlineData("2 + x", "unknown name 'x'", 5)]
    [InlineData("sqrt 4", "needs its argument in parentheses", 1)]
    [InlineData("(1 + 2", "unbalanced parentheses", 1)]
    [InlineData("1 + 2)", "unbalanced parentheses", 6)]
    [InlineData("2 3", "unexpected '3'", 3)]
    [InlineData("2 +", "ends too early", 4)]
    [InlineData("", "empty", 1)]
    [InlineData("   ", "empty", 1)]
    [InlineData("2 $ 3", "unexpected character '$'", 3)]
    [InlineData("sqrt(1, 2)", "takes sqrt(x)", 1)]
    [InlineData("round(1.5, 0.5)", "round digits", 1)]
    [InlineData("2pi", "unexpected 'pi'", 2)]
    [InlineData("1e999", "too large", 1)]
    public void Evaluate_BadExpression_ThrowsWithReasonAndPosition(string expression, string reason, int position)
    {
        var e = Assert.Throws<CalculatorException>(() => Agents.Tools.Calculator.Calculator.Evaluate(expression));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(position, e.Position);
        Assert.IsAssignableFrom<NonRetriableException>(e);
    }

    [Fact]
    public void Evaluate_TooLong_Throws()
    {
        var e = Assert.Throws<CalculatorException>(() => Agents.Tools.Calculator.Calculator.Evaluate(string.Join('+', Enumerable.Repeat("1", 501))));
        Assert.Contains("over the limit of 1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LongestAllowed_Evaluates()
    {
        Assert.Equal(500, Agents.Tools.Calculator.Calculator.Evaluate(string.Join('+', Enumerable.Repeat("1", 500))));
    }

    [Fact]
    public void Evaluate_TooDeep_Throws()
    {
        var e = Assert.Throws<CalculatorException>(() => Agents.Tools.Calculator.Calculator.Evaluate(new string('(', 100) + "1" + new string(')', 100)));
        Assert.Contains("nests deeper than 64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ManyUnaryMinus_IsBoundedByDepth()
    {
        Assert.Throws<CalculatorException>(() => Agents.Tools.Calculator.Calculator.Evaluate(new string('-', 500) + "1"));
    }

    [Fact]
    public void Validate_DivisionByZero_PassesBecauseOnlySyntaxIsChecked()
    {
        Agents.Tools.Calculator.Calculator.Validate("1/0");
        Assert.Throws<CalculatorException>(() => Agents.Tools.Calculator.Calculator.Validate("1/"));
    }
}
