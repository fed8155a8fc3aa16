namespace AgentFlows.Http.Tests.Payloads;

public sealed class ManagementUrisTests
{
    private const string Base = "http://localhost:7071/runtime/webhooks/durabletask";

    [Fact]
    public void Create_Instance_BuildsAllNineDurableFunctionsTemplates()
    {
        var payload = new ManagementUris(Base + "/", "Hub", "Storage").Create("abc");

        const string Q = "taskHub=Hub&connection=Storage";
        Assert.Equal("abc", payload.Id);
        Assert.Equal($"{Base}/instances/abc?{Q}", payload.StatusQueryGetUri);
        Assert.Equal($"{Base}/instances/abc/raiseEvent/{{eventName}}?{Q}", payload.SendEventPostUri);
        Assert.Equal($"{Base}/instances/abc/terminate?reason={{text}}&{Q}", payload.TerminatePostUri);
        Assert.Equal($"{Base}/instances/abc/rewind?reason={{text}}&{Q}", payload.RewindPostUri);
        Assert.Equal($"{Base}/instances/abc?{Q}", payload.PurgeHistoryDeleteUri);
        Assert.Equal($"{Base}/instances/abc/restart?{Q}", payload.RestartPostUri);
        Assert.Equal($"{Base}/instances/abc/suspend?reason={{text}}&{Q}", payload.SuspendPostUri);
        Assert.Equal($"{Base}/instances/abc/resume?reason={{text}}&{Q}", payload.ResumePostUri);
    }

    [Fact]
    public void Create_IdAndNamesWithReservedCharacters_AreEscaped()
    {
        var payload = new ManagementUris(Base, "my hub", "a&b", code: "k=1/2").Create("run 1+2%");

        Assert.Equal($"{Base}/instances/run%201%2B2%25?taskHub=my%20hub&connection=a%26b&code=k%3D1%2F2", payload.StatusQueryGetUri);
    }

    [Fact]
    public void Create_ReturnInternalServerErrorOnFailure_AppendedToStatusUriOnly()
    {
        var payload = new ManagementUris(Base, "Hub", "Storage").Create("abc", returnInternalServerErrorOnFailure: true);

        Assert.EndsWith("&returnInternalServerErrorOnFailure=true", payload.StatusQueryGetUri, StringComparison.Ordinal);
        Assert.DoesNotContain("returnInternalServerErrorOnFailure", payload.PurgeHistoryDeleteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptyBaseUrl_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ManagementUris(string.Empty, "Hub", "Storage"));
    }
}
