using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tests.Tools.Data;

public sealed class DataProfilerTests
{
    private const string Csv = """
        id,score,active,joined,name,notes
        1,3.5,yes,2024-01-05,Ann,
        2,4.0,no,2024/02/01,Bob,NA
        3,n.a.,true,2024-03-10,Cy,x
        4,100,false,2024-01-01,Ann,y
        4,100,false,2024-01-01,Ann,y
        """;

    private static ColumnProfile Column(TableProfile profile, string name) => profile.Columns.Single(c => c.Name == name);

    [Fact]
    public void Profile_Table_InfersTypesAndCounts()
    {
        var profile = DataProfiler.Profile(CsvTable.Parse(Csv, new DataOptions()));
        Assert.Equal((5, 6, 1), (profile.Rows, profile.Columns.Count, profile.DuplicateRows));
        Assert.Equal(
            [ColumnType.Int, ColumnType.Float, ColumnType.Bool, ColumnType.Date, ColumnType.String, ColumnType.String],
            profile.Columns.Select(c => c.Type));
    }

    [Fact]
    public void Profile_NumberColumn_HasMinMaxMeanInvalidAndOutliers()
    {
        var score = Column(DataProfiler.Profile(CsvTable.Parse(Csv, new DataOptions())), "score");
        Assert.Equal((5, 0, 1), (score.Count, score.Nulls, score.Invalid));
        Assert.Equal(("3.5", "100"), (score.Min, score.Max));
        Assert.Equal((3.5 + 4 + 100 + 100) / 4, score.Mean);
        Assert.Equal(3.5, score.ToJson()["min"]!.GetValue<double>());
    }

    [Fact]
    public void Profile_DateAndNullColumns_AreSummarized()
    {
        var profile = DataProfiler.Profile(CsvTable.Parse(Csv, new DataOptions()));
        var joined = Column(profile, "joined");
        Assert.Equal(("2024-01-01", "2024-03-10"), (joined.Min, joined.Max));
        var notes = Column(profile, "notes");
        Assert.Equal((2, 3, 2), (notes.Nulls, notes.Count, notes.Distinct));
        Assert.Equal("string", notes.ToJson()["type"]!.GetValue<string>());
    }

    [Fact]
    public void Fences_FewValues_AreNull()
    {
        Assert.Null(DataProfiler.Fences([1, 2, 3]));
        // Q1 = 2, Q3 = 4 (type 7), so the fences are 2 - 3 and 4 + 3.
        Assert.Equal((-1.0, 7.0), DataProfiler.Fences([1, 2, 3, 4, 5])!.Value);
    }
}
