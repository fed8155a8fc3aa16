using System.Text.Json.Nodes;
using AgentFlows.Agents.DataLifecycle;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tests.DataLifecycle;

public sealed class QualityChecksTests
{
    private static readonly Dictionary<string, int> _noneFlagged = [];

    private static (bool Passed, string Detail) Run(string csv, string args, int? sourceRows = null, IReadOnlyDictionary<string, int>? flagged = null)
    {
        var table = CsvTable.Parse(csv, new DataOptions(), header: true);
        var checks = QualityChecks.From(JsonNode.Parse(args)!.AsObject());
        return Assert.Single(checks.Evaluate(table, DataProfiler.Profile(table), sourceRows ?? table.Rows.Count, flagged ?? _noneFlagged)).Value;
    }

    [Theory]
    [InlineData("id,v\n1,a\n2,a\n", """{"checks":["noDuplicates"]}""", true)]
    [InlineData("id,v\n1,a\n1,a\n", """{"checks":["noDuplicates"]}""", false)]
    [InlineData("id,v\n1,a\n1,b\n", """{"checks":["noDuplicates"]}""", true)]
    [InlineData("id,v\n1,a\n1,b\n", """{"checks":["noDuplicates"],"keyColumns":["id"]}""", false)]
    [InlineData("n\n1\n2\n3\n", """{"checks":["typesConsistent"]}""", true)]
    [InlineData("n\n1\n2\n3\n4\nx\n", """{"checks":["typesConsistent"]}""", false)]
    [InlineData("a\n1\n2\n", """{"checks":["missingValues"]}""", true)]
    [InlineData("a,b\n1,x\n,y\n", """{"checks":["missingValues"]}""", false)]
    [InlineData("a\n1\nNA\n2\n3\n", """{"checks":["missingValues"],"maxMissingFraction":0.25}""", true)]
    [InlineData("a\n1\nNA\n2\n3\n", """{"checks":["noNulls"],"maxMissingFraction":0.25}""", false)]
    [InlineData("r\n1\n2\n", """{"checks":["rowCount"],"minRows":2,"maxRows":2}""", true)]
    [InlineData("r\n1\n2\n", """{"checks":["rowCount"],"minRows":3}""", false)]
    [InlineData("r\n1\n2\n", """{"checks":["rowCount"],"maxRows":1}""", false)]
    public void Evaluate_Check_PassesOrFailsWithAReason(string csv, string args, bool passed)
    {
        var (ok, detail) = Run(csv, args);
        Assert.Equal(passed, ok);
        Assert.False(string.IsNullOrWhiteSpace(detail));
    }

    [Fact]
    public void Evaluate_RowCountDroppedTooMany_Fails()
    {
        var (ok, detail) = Run("r\n1\n2\n", """{"checks":["rowCount"],"maxDroppedFraction":0.5}""", sourceRows: 10);
        Assert.False(ok);
        Assert.Contains("80 % of the rows dropped", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OutliersFlaggedOrNot_PassesOnlyWhenEveryOutlierWasFlagged()
    {
        const string csv = "x\n10\n11\n12\n13\n11\n12\n500\n";
        Assert.False(Run(csv, """{"checks":["outliersFlagged"]}""").Passed);
        Assert.True(Run(csv, """{"checks":["outliersFlagged"]}""", flagged: new Dictionary<string, int> { ["x"] = 1 }).Passed);
        Assert.False(Run(csv, """{"checks":["outliersFlagged"],"maxOutlierFraction":0.1}""", flagged: new Dictionary<string, int> { ["x"] = 1 }).Passed);
    }

    [Fact]
    public void From_UnknownCheck_FailsNamingTheChecks()
    {
        var e = Assert.Throws<DataException>(() => QualityChecks.From(JsonNode.Parse("""{"checks":["tidy"]}""")!.AsObject()));
        Assert.Contains("'tidy' is not a check", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KeyColumnGone_FailsNoDuplicatesWithTheReason()
    {
        var (ok, detail) = Run("a\n1\n", """{"checks":["noDuplicates"],"keyColumns":["id"]}""");
        Assert.False(ok);
        Assert.Contains("no column 'id'", detail, StringComparison.Ordinal);
    }
}
