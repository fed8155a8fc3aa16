using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tests.Tools.Data;

public sealed class DataCleanerTests
{
    private static (CsvTable Cleaned, CleaningReport Report) Clean(string csv, int maxListed = 1000) =>
        new DataCleaner(new DataOptions { MaxReportedChanges = maxListed }).Clean(CsvTable.Parse(csv, new DataOptions()));

    [Fact]
    public void Clean_MessyCsv_GivesExpectedTableAndReport()
    {
        var (cleaned, report) = Clean("""
            id,score,active,city
            1, 10 ,Yes,Paris
            2,N/A,no,
            3,12.0,TRUE,Rome
            3,12.0,TRUE,Rome
            4,abc,false,Paris
            5,11,no,Oslo
            ,,,
            """);
        Assert.Equal(
            "id,score,active,city\r\n1,10,true,Paris\r\n2,11,false,Paris\r\n3,12,true,Rome\r\n4,11,false,Paris\r\n5,11,false,Oslo\r\n",
            cleaned.ToCsv());
        Assert.Equal(1, report.Counts["trimmed"]);
        Assert.Equal(1, report.Counts["missing-marked"]);
        Assert.Equal(1, report.Counts["invalid-removed"]);
        Assert.Equal(1, report.Counts["duplicate-removed"]);
        Assert.Equal(1, report.Counts["empty-row-removed"]);
        Assert.Equal(2, report.Counts["imputed-median"]);
        Assert.Equal(1, report.Counts["imputed-mode"]);
        Assert.Contains(report.Changes, c => c is { Row: 4, Action: "duplicate-removed", After: "same as row 3" });
        Assert.Contains(report.Changes, c => c is { Row: 5, Column: "score", Action: "invalid-removed", Before: "abc" });
        Assert.Contains(report.Changes, c => c is { Row: 1, Column: "active", Action: "coerced", Before: "Yes", After: "true" });
        Assert.Contains(report.Changes, c => c is { Row: 2, Column: "city", Action: "imputed-mode", After: "Paris" });
        Assert.Equal(report.Total, report.Counts.Values.Sum());
    }

    [Fact]
    public void Clean_FloatColumn_ImputesTheMedianAndFlagsOutliers()
    {
        var (cleaned, report) = Clean("v,k\n1.5,a\n2.5,b\nNA,c\n3.5,d\n2.0,e\n100.25,f\n");
        Assert.Equal(["1.5", "2.5", "2.5", "3.5", "2", "100.25"], cleaned.Rows.Select(r => r[0]));
        var outlier = Assert.Single(report.Changes, c => c.Action == "outlier-flagged");
        Assert.Equal(("100.25", 6), (outlier.Before, outlier.Row));
    }

    [Fact]
    public void Clean_TextSpelledInSeveralCases_UnifiedToTheMostCommonSpellingThenDeduplicated()
    {
        var (cleaned, report) = Clean("id,city,code\n1,Madrid,x\n2,madrid,X\n3,Madrid,y\n3,MADRID,Y\n4,Paris,z\n");

        Assert.Equal(["Madrid", "Madrid", "Madrid", "Paris"], cleaned.Rows.Select(r => r[1]));
        Assert.Equal(["x", "x", "y", "z"], cleaned.Rows.Select(r => r[2]));
        Assert.Equal(4, report.Counts["case-unified"]);
        Assert.Equal(1, report.Counts["duplicate-removed"]);
        Assert.Contains(report.Changes, c => c is { Action: "case-unified", Row: 2, Column: "city", Before: "madrid", After: "Madrid" });
    }

    [Fact]
    public void Clean_IntColumnWithHalfMedian_RoundsTheImputedValue()
    {
        var (cleaned, _) = Clean("n,s\n1,a\n2,b\n,c");
        Assert.Equal("2", cleaned.Rows[2][0]);
    }

    [Fact]
    public void Clean_DatesAndModeTies_AreCanonicalAndDeterministic()
    {
        var (cleaned, _) = Clean("d,s\n2024/01/05,b\n2024-1-6,a\n,a2\n2024-01-07,");
        Assert.Equal(["2024-01-05", "2024-01-06", "2024-01-05", "2024-01-07"], cleaned.Rows.Select(r => r[0]));
        Assert.Equal("a", cleaned.Rows[3][1]);
    }

    [Fact]
    public void Clean_ColumnWithoutValues_IsReportedNotImputed()
    {
        var (cleaned, report) = Clean("a,b\n1,\n2,", maxListed: 1000);
        Assert.All(cleaned.Rows, r => Assert.Equal("", r[1]));
        Assert.Contains(report.Changes, c => c is { Column: "b", Action: "not-imputed" });
    }

    [Fact]
    public void Clean_ManyChanges_ListsUpToTheLimitButCountsAll()
    {
        var csv = "a,b\n" + string.Join("\n", Enumerable.Range(0, 50).Select(i => $" {i} ,x"));
        var (_, report) = Clean(csv, maxListed: 10);
        Assert.Equal(10, report.Changes.Count);
        Assert.Equal(50, report.Total);
        Assert.Equal(40, report.ToJson()["unlisted"]!.GetValue<int>());
    }

    [Fact]
    public void Clean_CleanedAgain_ChangesNothing()
    {
        var (once, _) = Clean("a,b\n 1 ,x\n,y\n1,x\n2,\n");
        var (_, report) = new DataCleaner(new DataOptions()).Clean(CsvTable.Parse(once.ToCsv(), new DataOptions()));
        Assert.Equal(0, report.Total);
    }
}
