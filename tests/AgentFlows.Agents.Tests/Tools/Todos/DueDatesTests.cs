using AgentFlows.Agents.Tools.Todos;

namespace AgentFlows.Agents.Tests.Tools.Todos;

public sealed class DueDatesTests
{
    private static readonly DateOnly _wednesday = new(2025, 1, 1);

    [Theory]
    [InlineData("2025-03-01", "2025-03-01")]
    [InlineData("2025-3-1", "2025-03-01")]
    [InlineData("today", "2025-01-01")]
    [InlineData("Tomorrow", "2025-01-02")]
    [InlineData("friday", "2025-01-03")]
    [InlineData("next  Wednesday", "2025-01-08")]
    [InlineData("in 3 days", "2025-01-04")]
    [InlineData("in 2 weeks", "2025-01-15")]
    public void Resolve_AcceptedForms_GiveTheDate(string text, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DueDates.Resolve(text, _wednesday));
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("someday")]
    [InlineData("")]
    public void TryNormalize_NotADate_IsFalse(string text)
    {
        Assert.False(DueDates.TryNormalize(text, out _));
        Assert.Throws<FormatException>(() => DueDates.Resolve(text, _wednesday));
    }
}
