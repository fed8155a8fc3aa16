using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools.Stats;

namespace AgentFlows.Agents.Tests.Tools.Stats;

public sealed class StatsActivityTests
{
    private const string Csv = "g1,g2,x,y,sex,party\n0.7,1.9,44.4,2.6,f,d\n-1.6,0.8,45.9,3.1,m,r\n-0.2,1.1,41.9,2.5,f,d\n-1.2,0.1,53.3,5.0,m,d\n-0.1,-0.1,44.7,3.6,f,r\n"
        + "3.4,4.4,44.1,4.0,m,r\n3.7,5.5,50.7,5.2,f,d\n0.8,1.6,45.2,2.8,m,r\n0.0,4.6,60.1,3.8,f,d\n2.0,3.4,,,m,r\n";

    private static string CsvArg => System.Text.Json.JsonSerializer.Serialize(Csv);

    [Fact]
    public async Task Describe_Values_ReturnsSummary()
    {
        var output = await Activities.RunAsync(new StatsDescribeActivity(), """{"values":[1,2,3,4,5,6,7,8,9,10]}""");
        Assert.Equal(3.25, output!["q1"]!.GetValue<double>());
        Assert.Equal(10, output["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Describe_Column_SkipsMissingCells()
    {
        var output = await Activities.RunAsync(new StatsDescribeActivity(), $$"""{"csv":{{CsvArg}},"column":"x"}""");
        Assert.Equal(9, output!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task TTest_Columns_MatchTheSleepReference()
    {
        var output = await Activities.RunAsync(new StatsTTestActivity(), $$"""{"csv":{{CsvArg}},"columns":["g1","g2"]}""");
        Assert.Equal(-1.8608, output!["t"]!.GetValue<double>(), 0.00005);
        Assert.Equal(0.07939, output["p"]!.GetValue<double>(), 0.000005);
    }

    [Fact]
    public async Task Correlation_ColumnsWithMissingPairs_UsesCompletePairs()
    {
        var output = await Activities.RunAsync(new StatsCorrelationActivity(), $$"""{"csv":{{CsvArg}},"columns":["x","y"]}""");
        Assert.Equal(0.5711816, output!["r"]!.GetValue<double>(), 0.00000005);
        Assert.Equal(9, output["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Correlation_Arrays_ReturnsR()
    {
        var output = await Activities.RunAsync(new StatsCorrelationActivity(), """{"x":[1,2,3,4],"y":[1,3,2,4]}""");
        Assert.Equal(0.8, output!["r"]!.GetValue<double>(), 1e-12);
    }

    [Fact]
    public async Task ChiSquare_Table_IsIndependenceTest()
    {
        var output = await Activities.RunAsync(new StatsChiSquareActivity(), """{"observed":[[762,327,468],[484,239,477]]}""");
        Assert.Equal(("independence", 2), (output!["test"]!.GetValue<string>(), output["df"]!.GetValue<int>()));
        Assert.Equal(30.07, output["statistic"]!.GetValue<double>(), 0.005);
    }

    [Fact]
    public async Task ChiSquare_CountsWithExpected_IsGoodnessOfFit()
    {
        var output = await Activities.RunAsync(new StatsChiSquareActivity(), """{"observed":[89,37,30,28,2],"expected":[0.4,0.2,0.2,0.19,0.01]}""");
        Assert.Equal(0.215, output!["p"]!.GetValue<double>(), 0.0005);
    }

    [Fact]
    public async Task ChiSquare_TwoColumns_BuildsTheContingencyTable()
    {
        // sex by party from the CSV: f = (d 4, r 1), m = (d 1, r 4); X² = 3.6 with 1 df.
        var output = await Activities.RunAsync(new StatsChiSquareActivity(), $$"""{"csv":{{CsvArg}},"columns":["sex","party"]}""");
        Assert.Equal(3.6, output!["statistic"]!.GetValue<double>(), 1e-12);
        Assert.Equal(1, output["df"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChiSquare_OneColumn_IsUniformGoodnessOfFit()
    {
        var output = await Activities.RunAsync(new StatsChiSquareActivity(), $$"""{"csv":{{CsvArg}},"columns":["sex"]}""");
        // Whole numbers are written as JSON integers, so read them the way a JSON reader would.
        Assert.Equal("0", output!["statistic"]!.ToJsonString());
        Assert.Equal("1", output["p"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"x":[1,2],"y":[1]}""", "at least 2 item")]
    [InlineData("""{"x":[1,"a"],"y":[1,2]}""", "argument 'x[1]' must be a number")]
    [InlineData("""{"x":[1,1],"y":[1,1]}""", "constant")]
    public async Task TTest_BadData_FailsNonRetriably(string args, string reason)
    {
        var e = await Assert.ThrowsAnyAsync<NonRetriableException>(() => Activities.RunAsync(new StatsTTestActivity(), args));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TTest_UnknownOrTextColumn_FailsNamingIt()
    {
        var unknown = await Assert.ThrowsAsync<StatisticsException>(() => Activities.RunAsync(new StatsTTestActivity(), $$"""{"csv":{{CsvArg}},"columns":["g1","nope"]}"""));
        Assert.Contains("no column 'nope'", unknown.Message, StringComparison.Ordinal);
        var text = await Assert.ThrowsAsync<StatisticsException>(() => Activities.RunAsync(new StatsTTestActivity(), $$"""{"csv":{{CsvArg}},"columns":["g1","sex"]}"""));
        Assert.Contains("'f'", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_ColumnWithoutCsv_FailsClearly()
    {
        var e = await Assert.ThrowsAsync<StatisticsException>(() => Activities.RunAsync(new StatsDescribeActivity(), """{"column":"x"}"""));
        Assert.Contains("Columns need a CSV", e.Message, StringComparison.Ordinal);
    }
}
