using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools.Calculator;

namespace AgentFlows.Agents.Tests.Tools.Calculator;

public sealed class CalculatorActivityTests
{
    [Fact]
    public async Task RunAsync_Expression_ReturnsNumber()
    {
        var output = await Activities.RunAsync(new CalculatorActivity(), """{"expression":"sqrt(16) + 2^3"}""");
        Assert.Equal("12", output!.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_FractionalResult_KeepsFraction()
    {
        var output = await Activities.RunAsync(new CalculatorActivity(), """{"expression":"10/4"}""");
        Assert.Equal("2.5", output!.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_NumberFromReference_PassesThrough()
    {
        var output = await Activities.RunAsync(new CalculatorActivity(), """{"expression":42}""");
        Assert.Equal("42", output!.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_DivisionByZero_FailsNonRetriably()
    {
        var e = await Assert.ThrowsAsync<CalculatorException>(() => Activities.RunAsync(new CalculatorActivity(), """{"expression":"1/0"}"""));
        Assert.Contains("division by zero", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "argument 'expression' is required")]
    [InlineData("""{"expression":true}""", "must be one of string, number")]
    [InlineData("""{"expression":"1","extra":1}""", "argument 'extra' is not known")]
    public async Task RunAsync_BadArguments_FailsNonRetriably(string args, string fault)
    {
        var e = await Assert.ThrowsAsync<NonRetriableException>(() => Activities.RunAsync(new CalculatorActivity(), args));
        Assert.Contains(fault, e.Message, StringComparison.Ordinal);
    }
}
