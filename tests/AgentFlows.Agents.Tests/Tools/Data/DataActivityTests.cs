using System.Text.Json.Nodes;
using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tests.Tools.Data;

public sealed class DataActivityTests : IDisposable
{
    private const string Messy = "id,score\n1, 10 \n2,NA\n2,NA\n3,12\n";
    private readonly TempDataFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Profile_File_ReportsColumnsAndPath()
    {
        _temp.Write("in/sales.csv", Messy);
        var output = (await Activities.RunAsync(new DataProfileActivity(_temp.Options), """{"path":"in/sales.csv"}"""))!.AsObject();
        Assert.Equal(4, output["rows"]!.GetValue<int>());
        Assert.Equal("in/sales.csv", output["path"]!.GetValue<string>());
        Assert.Equal("int", output["columns"]![1]!["type"]!.GetValue<string>());
        Assert.Equal(2, output["columns"]![1]!["nulls"]!.GetValue<int>());
    }

    [Fact]
    public async Task Profile_InlineWithoutFolder_Works()
    {
        var output = await Activities.RunAsync(new DataProfileActivity(null), """{"csv":"a;b\n1;x\n2;y","header":true}""");
        Assert.Equal(";", output!["delimiter"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clean_File_WritesCleanedCsvBesideItAndReports()
    {
        _temp.Write("in/sales.csv", Messy);
        var output = (await Activities.RunAsync(new DataCleanActivity(_temp.Options), """{"path":"in/sales.csv"}"""))!.AsObject();
        Assert.Equal("in/sales.cleaned.csv", output["path"]!.GetValue<string>());
        Assert.Equal("id,score\r\n1,10\r\n2,11\r\n3,12\r\n", _temp.Read("in/sales.cleaned.csv"));
        Assert.Equal(output["csv"]!.GetValue<string>(), _temp.Read("in/sales.cleaned.csv"));
        Assert.Equal((4, 3), (output["rowsIn"]!.GetValue<int>(), output["rowsOut"]!.GetValue<int>()));
        Assert.Equal(1, output["report"]!["counts"]!["duplicate-removed"]!.GetValue<int>());
        Assert.Equal(0, output["profile"]!["duplicateRows"]!.GetValue<int>());
    }

    [Fact]
    public async Task Clean_Inline_WritesAStableNameAndRepeatsHarmlessly()
    {
        var activity = new DataCleanActivity(_temp.Options);
        var first = await Activities.RunAsync(activity, """{"csv":"a,b\n1,x\n1,x"}""");
        var second = await Activities.RunAsync(activity, """{"csv":"a,b\n1,x\n1,x"}""");
        var path = first!["path"]!.GetValue<string>();
        Assert.Matches("^inline-[0-9a-f]{12}\\.cleaned\\.csv$", path);
        Assert.Equal(path, second!["path"]!.GetValue<string>());
        Assert.Single(Directory.GetFiles(_temp.Root));
    }

    [Fact]
    public async Task Clean_InlineWithoutFolder_ReturnsCsvOnly()
    {
        var output = await Activities.RunAsync(new DataCleanActivity(null), """{"csv":"a,b\n 1 ,x"}""");
        Assert.Null(output!["path"]);
        Assert.Equal("a,b\r\n1,x\r\n", output["csv"]!.GetValue<string>());
    }

    [Fact]
    public async Task Profile_OutputOfEarlierCleanStep_FollowsItsPath()
    {
        _temp.Write("s.csv", Messy);
        var cleaned = await Activities.RunAsync(new DataCleanActivity(_temp.Options), """{"path":"s.csv"}""");
        var args = new JsonObject { ["path"] = cleaned!.DeepClone() }.ToJsonString();
        var profile = await Activities.RunAsync(new DataProfileActivity(_temp.Options), args);
        Assert.Equal("s.cleaned.csv", profile!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Profile_MultiLineStringInPath_IsReadAsInlineCsv()
    {
        var output = await Activities.RunAsync(new DataProfileActivity(null), """{"path":"a,b\n1,2"}""");
        Assert.Equal(1, output!["rows"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"path":"../x.csv"}""", "outside the data folder")]
    [InlineData("""{"path":"missing.csv"}""", "There is no file")]
    [InlineData("""{"csv":"a,\"b\n1"}""", "never closed")]
    [InlineData("{}", "must include one of: path; or csv")]
    public async Task Clean_BadInput_FailsNonRetriably(string args, string reason)
    {
        var e = await Assert.ThrowsAnyAsync<NonRetriableException>(() => Activities.RunAsync(new DataCleanActivity(_temp.Options), args));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_InlineOverLimit_FailsNonRetriably()
    {
        var options = new DataOptions { MaxInlineChars = 5 };
        await Assert.ThrowsAsync<DataException>(() => Activities.RunAsync(new DataCleanActivity(options), """{"csv":"a,b\n1,2"}"""));
    }
}
