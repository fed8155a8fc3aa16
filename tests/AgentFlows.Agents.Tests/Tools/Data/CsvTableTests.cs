using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tests.Tools.Data;

public sealed class CsvTableTests
{
    private static readonly DataOptions _options = new();

    [Theory]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("a;b;c\n1,5;2;3\n", ';')]
    [InlineData("a\tb\n1\t2\n", '\t')]
    [InlineData("a|b\n1|2\n", '|')]
    [InlineData("\"x,y\";b\n\"1,2\";3\n", ';')]
    [InlineData("single\n1\n2\n", ',')]
    public void Parse_Delimiter_IsDetected(string csv, char expected)
    {
        Assert.Equal(expected, CsvTable.Parse(csv, _options).Delimiter);
    }

    [Fact]
    public void Parse_QuotedFields_FollowRfc4180()
    {
        var table = CsvTable.Parse("name,quote\r\n\"Smith, J\",\"He said \"\"hi\"\"\"\r\n\"multi\nline\",x\r\n", _options);
        Assert.Equal(["name", "quote"], table.Header);
        Assert.Equal(["Smith, J", "He said \"hi\""], table.Rows[0]);
        Assert.Equal(["multi\nline", "x"], table.Rows[1]);
    }

    [Fact]
    public void Parse_BlankLinesAndBom_AreIgnored()
    {
        var table = CsvTable.Parse("\uFEFFa,b\n\n1,2\n\n", _options);
        Assert.Equal(["a", "b"], table.Header);
        Assert.Single(table.Rows);
    }

    [Theory]
    [InlineData("name,age\nbob,3\namy,4", true)]
    [InlineData("1,2\n3,4\n5,6", false)]
    [InlineData("bob,3\namy,4", false)]
    [InlineData("id,joined\n1,2024-01-05\n2,2024-02-01", true)]
    [InlineData("city,country\nParis,France\nRome,Italy", true)]
    [InlineData("name,age", true)]
    public void Parse_Header_IsDetected(string csv, bool header)
    {
        var table = CsvTable.Parse(csv, _options);
        Assert.Equal(header, table.HadHeader);
        if (!header)
        {
            Assert.Equal("column_1", table.Header[0]);
        }
    }

    [Fact]
    public void Parse_HeaderOverride_IsHonoured()
    {
        var table = CsvTable.Parse("a,b\nc,d", _options, header: false);
        Assert.Equal(2, table.Rows.Count);
    }

    [Fact]
    public void Parse_ShortRow_IsPaddedAndRecorded()
    {
        var table = CsvTable.Parse("a,b,c\n1,2\n4,5,6", _options);
        Assert.Equal(["1", "2", ""], table.Rows[0]);
        Assert.Equal([1], table.PaddedRows);
    }

    [Fact]
    public void Parse_LongRow_FailsNamingTheRecord()
    {
        var e = Assert.Throws<DataException>(() => CsvTable.Parse("a,b\n1,2\n3,4,5", _options));
        Assert.Contains("Record 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnterminatedQuote_FailsNamingTheLine()
    {
        var e = Assert.Throws<DataException>(() => CsvTable.Parse("a,b\n1,\"open\n2,3", _options));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Limits_AreEnforced()
    {
        var small = new DataOptions { MaxRows = 2, MaxColumns = 2 };
        Assert.Contains("row limit", Assert.Throws<DataException>(() => CsvTable.Parse("a\n1\n2\n3", small)).Message, StringComparison.Ordinal);
        Assert.Contains("3 columns", Assert.Throws<DataException>(() => CsvTable.Parse("a,b,c\n1,2,3", small)).Message, StringComparison.Ordinal);
        Assert.Throws<DataException>(() => CsvTable.Parse("\n\n", small));
    }

    [Fact]
    public void Parse_BadHeaderNames_AreMadePresentAndUnique()
    {
        var table = CsvTable.Parse(" id ,,id\nx,y,z", _options, header: true);
        Assert.Equal(["id", "column_2", "id_2"], table.Header);
        Assert.Equal(3, table.RenamedColumns.Count);
    }

    [Fact]
    public void ToCsv_QuotesOnlyWhatNeedsIt()
    {
        var table = CsvTable.Parse("a;b\n\"x,1\";\"say \"\"hi\"\"\"\nplain; padded ", _options, header: true);
        Assert.Equal("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\nplain,\" padded \"\r\n", table.ToCsv());
    }
}
